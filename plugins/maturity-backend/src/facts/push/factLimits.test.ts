import { checkFactLimits, pathJoin, pointerToPath } from './factLimits';

describe('fact limits', () => {
  it('joins readable paths', () => {
    expect(pathJoin('', 'items')).toBe('items');
    expect(pathJoin('items', 3)).toBe('items[3]');
    expect(pathJoin('items[3].facts', 'odd key')).toBe(
      'items[3].facts["odd key"]',
    );
    expect(pointerToPath('', '/items/3/facts/a~1b/0')).toBe(
      'items[3].facts["a/b"][0]',
    );
    expect(pointerToPath('items[0].facts', '')).toBe('items[0].facts');
  });

  it('accepts facts within the limits', () => {
    expect(
      checkFactLimits({ a: [1, { b: 'x'.repeat(10_000) }], c: null }, 'f'),
    ).toEqual([]);
  });

  it('reports depth, long strings and keys, big containers and prototype keys, each once', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = [deep];
    const facts = JSON.parse(
      '{"__proto__": 1, "ok": {"constructor": {}}, "prototype": 2}',
    ) as Record<string, unknown>;
    facts.deep = deep;
    facts.long = 'x'.repeat(10_001);
    facts[`k${'y'.repeat(10_000)}`] = 1;
    facts.big = Array.from({ length: 10_001 }, () => 0);
    expect(checkFactLimits(facts, 'f')).toEqual([
      "f.__proto__: key '__proto__' is not allowed",
      "f.ok.constructor: key 'constructor' is not allowed",
      "f.prototype: key 'prototype' is not allowed",
      'f.deep[0][0][0][0][0][0][0]: nested deeper than 8 levels',
      'f.long: string longer than 10000 characters',
      'f: key longer than 10000 characters',
      'f.big: more than 10000 entries',
    ]);
  });
});
