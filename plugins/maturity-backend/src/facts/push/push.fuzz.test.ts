import request from 'supertest';
import { callers, createFixture, databases } from '../../__testUtils__/fixture';

jest.setTimeout(300_000);

/** Bodies per engine; each one is malformed in at least one way. */
const CASES = 1200;
const SEED = 0x5eed;

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same bodies on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Case {
  kind: string;
  /** The raw body text. */
  raw: string;
  /** Content-Type header; JSON unless the case is about it. */
  contentType?: string;
}

const REFS = [
  'component:default/payment-gateway',
  'component:default/ledger',
  'component:website',
];

function generator(seed: number) {
  const rnd = mulberry32(seed);
  const int = (min: number, max: number) =>
    min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(rnd() * items.length)];
  const wrong = (): Json =>
    pick<() => Json>([
      () => 42,
      () => 'text',
      () => null,
      () => true,
      () => [],
      () => [1, 'a'],
      () => -0.5,
      () => '',
    ])();
  const validItem = (): { [key: string]: Json } => ({
    entityRef: pick(REFS),
    source: 'ci',
    facts: { coverage: int(0, 100) },
  });
  const batch = (bad: Json): Json => {
    // Valid companions with distinct keys, so the defect under test is the batch's only problem.
    const items: Json[] = REFS.slice(0, int(0, 3)).map(entityRef => ({
      ...validItem(),
      entityRef,
      source: 'pushed',
    }));
    items.splice(int(0, items.length), 0, bad);
    return { items };
  };
  const nest = (depth: number, leaf: Json): Json => {
    let node = leaf;
    for (let i = 0; i < depth; i++) node = rnd() < 0.5 ? { n: node } : [node];
    return node;
  };
  const field = () =>
    pick(['entityRef', 'source', 'facts', 'observedAt'] as const);
  const json = (kind: string, body: Json): Case => ({
    kind,
    raw: JSON.stringify(body),
  });

  const kinds: Array<() => Case> = [
    () => json('wrongBody', wrong()),
    () =>
      json('wrongItems', {
        items: pick<Json>([42, 'items', null, true, { a: 1 }]),
      }),
    () => json('wrongItem', batch(wrong())),
    () => json('wrongField', batch({ ...validItem(), [field()]: wrong() })),
    () => {
      const item = validItem();
      delete item[pick(['entityRef', 'source', 'facts'])];
      return json('missingField', rnd() < 0.2 ? {} : batch(item));
    },
    () => {
      const long = 'x'.repeat(int(256, 60_000));
      const target = pick(['entityRef', 'source', 'factValue', 'factKey']);
      const item = validItem();
      if (target === 'factValue')
        item.facts = { note: long.padEnd(10_001, 'y') };
      else if (target === 'factKey')
        item.facts = { [long.padEnd(10_001, 'k')]: 1 };
      else item[target] = long;
      return json(
        'hugeString',
        batch({
          ...item,
          source: target.startsWith('fact') ? 'pushed' : item.source,
        }),
      );
    },
    () =>
      json(
        'deepNesting',
        batch({
          ...validItem(),
          source: 'pushed',
          facts: { deep: nest(int(8, 400), 1) },
        }),
      ),
    () =>
      rnd() < 0.5
        ? json('hugeArray', {
            items: Array.from({ length: int(1001, 1500) }, validItem),
          })
        : json(
            'hugeArray',
            batch({
              ...validItem(),
              source: 'pushed',
              facts: {
                list: Array.from({ length: int(10_001, 12_000) }, (_, i) => i),
              },
            }),
          ),
    () =>
      json(
        'unknownEntity',
        batch({
          ...validItem(),
          entityRef: `component:default/ghost-${int(0, 1e6)}`,
        }),
      ),
    () =>
      json(
        'unknownSource',
        batch({
          ...validItem(),
          source: pick([
            'kubernetes',
            'scm',
            'CI',
            'pushed ',
            `src-${int(0, 99)}`,
          ]),
        }),
      ),
    () => json('catalogSource', batch({ ...validItem(), source: 'catalog' })),
    () => {
      const text = JSON.stringify(batch(validItem()));
      const raw = pick([
        () => text.slice(0, int(1, text.length - 1)),
        () => text.replace(/"/g, "'"),
        () => `${text},`,
        () =>
          Array.from({ length: int(1, 200) }, () =>
            String.fromCharCode(int(0, 0xffff)),
          ).join(''),
        () => 'undefined',
        () => '{"items": [NaN]}',
      ])();
      return { kind: 'nonJson', raw };
    },
    () => ({
      kind: 'wrongContentType',
      raw: JSON.stringify(batch(validItem())),
      contentType: pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]),
    }),
    () => {
      // Written as text: a JS object literal with these keys would set the prototype instead.
      const key = pick(['__proto__', 'constructor', 'prototype']);
      const inner = `{"${key}": {"polluted": true, "coverage": 1}}`;
      const facts = int(0, 1) === 0 ? inner : `{"a": {"b": ${inner}}}`;
      const item = `{"entityRef": "${REFS[0]}", "source": "pushed", "facts": ${facts}}`;
      return { kind: 'protoKeys', raw: `{"items": [${item}]}` };
    },
    () => {
      const facts = pick<Json>([
        { coverage: 'high' },
        { coverage: 101 },
        { branch: 'main' },
        { coverage: 1, extra: true },
        { coverage: 1, tests: { passed: 1.5 } },
      ]);
      return json('schemaViolation', batch({ ...validItem(), facts }));
    },
    () =>
      json(
        'badDate',
        batch({
          ...validItem(),
          observedAt: pick([
            'yesterday',
            '2026-02-30',
            '2999-01-01T00:00:00Z',
            '2026-11-24',
            '1e10',
          ]),
        }),
      ),
    () => {
      const item = validItem();
      return json('duplicate', {
        items: [item, { ...item, facts: { coverage: 1 } }],
      });
    },
    () =>
      json(
        'unknownProperty',
        rnd() < 0.5
          ? { items: [validItem()], extra: 1 }
          : batch({ ...validItem(), extra: 'x' }),
      ),
  ];
  return {
    next: (index: number): Case => kinds[index % kinds.length](),
    /** A batch like the malformed ones, but with a valid item in place of the defect: the control. */
    valid: (): Case => json('valid', batch(validItem())),
  };
}

describe.each(databases.eachSupportedId())(
  'POST /facts fuzz, %p',
  databaseId => {
    it('accepts the same bodies without their defect (the control)', async () => {
      const fixture = await createFixture(databaseId);
      const { valid } = generator(SEED);
      for (let i = 0; i < 50; i++) {
        const res = await request(fixture.app)
          .post('/facts')
          .set('authorization', callers.service)
          .set('content-type', 'application/json')
          .send(valid().raw);
        expect(res.status).toBe(200);
      }
    });

    it(`answers ${CASES} malformed bodies with 4xx and a JSON message, and stores nothing`, async () => {
      const fixture = await createFixture(databaseId);
      const refs = await fixture.services.facts.listEntityRefs();
      const before = {
        refs,
        facts: Object.fromEntries(await fixture.services.facts.getFacts(refs)),
      };
      const { next } = generator(SEED);
      const byStatus: Record<string, number> = {};
      const byKind: Record<string, number> = {};
      const cases: Case[] = Array.from({ length: CASES }, (_, i) => next(i));
      // Two bodies over the 5 MB limit, once each.
      cases.push({
        kind: 'tooLarge',
        raw: JSON.stringify({
          items: [
            {
              entityRef: REFS[0],
              source: 'pushed',
              facts: { b: 'x'.repeat(6_000_000) },
            },
          ],
        }),
      });

      for (const c of cases) {
        const res = await request(fixture.app)
          .post('/facts')
          .set('authorization', callers.service)
          .set('content-type', c.contentType ?? 'application/json')
          .send(c.raw);
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
        if (
          res.status < 400 ||
          res.status >= 500 ||
          typeof res.body?.error?.message !== 'string'
        ) {
          throw new Error(
            `Case ${c.kind} got ${res.status}: ${JSON.stringify(res.body).slice(
              0,
              300,
            )} for ${c.raw.slice(0, 300)}`,
          );
        }
      }

      const after = await fixture.services.facts.listEntityRefs();
      expect(after).toEqual(before.refs);
      expect(
        Object.fromEntries(await fixture.services.facts.getFacts(after)),
      ).toEqual(before.facts);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(byKind).length).toBeGreaterThanOrEqual(18);
      // The figures for the record: how many bodies of each kind, and which 4xx they got.
      process.stdout.write(
        `fuzz ${databaseId}: ${cases.length} bodies, statuses ${JSON.stringify(
          byStatus,
        )}, kinds ${JSON.stringify(byKind)}\n`,
      );
    });
  },
);
