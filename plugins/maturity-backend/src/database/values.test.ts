import { chunk, distinct } from './bulk';
import { canonicalJson, sha256, toIsoTimestamp, toNumber } from './values';

describe('toIsoTimestamp', () => {
  const iso = '2026-11-24T10:00:00.123Z';

  it('accepts what each engine returns', () => {
    expect(toIsoTimestamp(new Date(iso))).toBe(iso); // PostgreSQL
    expect(toIsoTimestamp(Date.parse(iso))).toBe(iso); // SQLite, bound Date
    expect(toIsoTimestamp(String(Date.parse(iso)))).toBe(iso);
    expect(toIsoTimestamp('2026-11-24 10:00:00')).toBe(
      '2026-11-24T10:00:00.000Z',
    ); // SQLite CURRENT_TIMESTAMP, UTC
    expect(toIsoTimestamp('2026-11-24T12:00:00+02:00')).toBe(
      '2026-11-24T10:00:00.000Z',
    );
  });

  it('rejects what is not a timestamp', () => {
    expect(() => toIsoTimestamp(null)).toThrow(/Not a timestamp/);
    expect(() => toIsoTimestamp('soon')).toThrow(/Not a timestamp/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
    expect(canonicalJson({ a: [{ y: 1, x: 2 }] })).toBe(
      canonicalJson({ a: [{ x: 2, y: 1 }] }),
    );
  });

  it('drops undefined properties like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('hashes equal content equally', () => {
    expect(sha256(canonicalJson({ x: 1, y: 2 }))).toBe(
      sha256(canonicalJson({ y: 2, x: 1 })),
    );
    expect(sha256('')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('helpers', () => {
  it('chunks and de-duplicates', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 10)).toEqual([]);
    expect(distinct(['b', 'a', 'b'])).toEqual(['b', 'a']);
    expect(toNumber('42')).toBe(42);
    expect(toNumber(undefined)).toBe(0);
  });
});

describe('canonicalJson with hostile keys', () => {
  it('keeps a __proto__ key as data', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
