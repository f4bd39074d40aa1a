import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { callers, createFixture, databases } from '../../__testUtils__/fixture';

jest.setTimeout(60_000);

const GATEWAY = 'component:default/payment-gateway';
const LEDGER = 'component:default/ledger';

type Fixture = Awaited<ReturnType<typeof createFixture>>;

function push(fixture: Fixture, body: unknown, caller = callers.service) {
  return request(fixture.app)
    .post('/facts')
    .set('authorization', caller)
    .send(body as object);
}

async function storedFacts(fixture: Fixture) {
  const refs = await fixture.services.facts.listEntityRefs();
  return {
    refs,
    facts: Object.fromEntries(await fixture.services.facts.getFacts(refs)),
  };
}

describe.each(databases.eachSupportedId())('POST /facts, %p', databaseId => {
  it('stores valid facts, re-evaluates the entities and is idempotent on resend', async () => {
    const fixture = await createFixture(databaseId);
    const body = {
      items: [
        {
          entityRef: GATEWAY,
          source: 'ci',
          facts: { coverage: 91, branch: 'main' },
        },
        {
          entityRef: 'component:ledger',
          source: 'pushed',
          facts: { anything: { nested: [1, 2] } },
          observedAt: '2026-11-20T10:00:00Z',
        },
      ],
    };
    const first = await push(fixture, body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 2, changed: 2, unchanged: 0 });
    const facts = await fixture.services.facts.getFacts([GATEWAY, LEDGER]);
    expect(facts.get(GATEWAY)?.ci).toEqual({ coverage: 91, branch: 'main' });
    expect(facts.get(LEDGER)?.pushed).toEqual({ anything: { nested: [1, 2] } });
    const entity = await request(fixture.app).get(
      '/entities/component/default/payment-gateway',
    );
    expect(entity.body.scorecards[0].level.id).toBe('gold');

    const reordered = {
      items: [
        { ...body.items[0], facts: { branch: 'main', coverage: 91 } },
        body.items[1],
      ],
    };
    const again = await push(fixture, reordered);
    expect(again.body).toEqual({ accepted: 2, changed: 0, unchanged: 2 });
  });

  it('validates against a configured schema for the pushed source', async () => {
    const fixture = await createFixture(databaseId, {
      config: {
        maturity: {
          sources: {
            pushed: {
              schema: {
                type: 'object',
                properties: { deployFrequency: { type: 'integer' } },
                additionalProperties: false,
              },
            },
          },
        },
      },
    });
    const ok = await push(fixture, {
      items: [
        { entityRef: GATEWAY, source: 'pushed', facts: { deployFrequency: 4 } },
      ],
    });
    expect(ok.status).toBe(200);
    const bad = await push(fixture, {
      items: [
        {
          entityRef: GATEWAY,
          source: 'pushed',
          facts: { deployFrequency: 'weekly' },
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'items[0].facts.deployFrequency: must be integer',
    );
  });

  it('lists every bad field by path and stores nothing (all or nothing)', async () => {
    const fixture = await createFixture(databaseId);
    const before = await storedFacts(fixture);
    const res = await push(fixture, {
      items: [
        { entityRef: GATEWAY, source: 'ci', facts: { coverage: 91 } },
        {
          entityRef: LEDGER,
          source: 'ci',
          facts: { coverage: 'high', extra: true },
        },
        {
          entityRef: LEDGER,
          source: 'pushed',
          facts: {},
          observedAt: '2999-01-01T00:00:00Z',
        },
        {
          entityRef: 'component:default/nope',
          source: 'ci',
          facts: { coverage: 1 },
        },
        { entityRef: GATEWAY, source: 'kubernetes', facts: {} },
        { entityRef: GATEWAY, source: 'catalog', facts: {} },
        { entityRef: 'no kind here', source: 'ci', facts: { coverage: 1 } },
        {
          entityRef: GATEWAY,
          source: 'ci',
          facts: { tests: { passed: 'all' } },
        },
        { entityRef: GATEWAY, source: 'ci' },
        { entityRef: GATEWAY, source: 'ci', facts: { coverage: 5 } },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    const message: string = res.body.error.message;
    for (const expected of [
      'items[1].facts.coverage: must be number',
      'items[1].facts.extra: is not allowed',
      'items[2].observedAt: more than 5 minutes in the future',
      'items[3].entityRef: no entity component:default/nope in the catalog',
      "items[4].source: unknown fact source 'kubernetes' (known: ci, pushed)",
      "items[5].source: 'catalog' facts are collected by the plugin and cannot be pushed",
      'items[6].entityRef:',
      'items[7].facts.tests.passed: must be integer',
      'items[7].facts.coverage: is required',
      'items[8].facts: is required',
      'items[9]: same entityRef and source as items[0]',
    ]) {
      expect(message).toContain(expected);
    }
    expect(message).toMatch(/^Invalid facts push \(11 problems\)/);
    expect(await storedFacts(fixture)).toEqual(before);
  });

  it('enforces the structural limits for every source', async () => {
    const fixture = await createFixture(databaseId);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10; i++) deep = { deeper: deep };
    const res = await push(fixture, {
      items: [
        { entityRef: GATEWAY, source: 'pushed', facts: deep },
        {
          entityRef: LEDGER,
          source: 'pushed',
          facts: { long: 'x'.repeat(10_001) },
        },
        {
          entityRef: 'component:default/website',
          source: 'pushed',
          facts: JSON.parse(
            '{"__proto__": {"polluted": true}, "constructor": 1}',
          ),
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'items[0].facts.deeper.deeper.deeper.deeper.deeper.deeper.deeper.deeper: nested deeper than 8 levels',
    );
    expect(res.body.error.message).toContain(
      'items[1].facts.long: string longer than 10000 characters',
    );
    expect(res.body.error.message).toContain(
      "items[2].facts.__proto__: key '__proto__' is not allowed",
    );
    expect(res.body.error.message).toContain(
      "items[2].facts.constructor: key 'constructor' is not allowed",
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers each class of bad request with its own 4xx', async () => {
    const fixture = await createFixture(databaseId);
    const valid = {
      items: [{ entityRef: GATEWAY, source: 'ci', facts: { coverage: 1 } }],
    };

    expect((await push(fixture, valid, callers.none)).status).toBe(401);
    const user = await push(fixture, valid, callers.user);
    expect(user.status).toBe(403);
    const text = await request(fixture.app)
      .post('/facts')
      .set('authorization', callers.service)
      .set('content-type', 'text/plain')
      .send('coverage=1');
    expect(text.status).toBe(415);
    expect(text.body.error.name).toBe('UnsupportedMediaTypeError');
    const empty = await request(fixture.app)
      .post('/facts')
      .set('authorization', callers.service);
    expect(empty.status).toBe(400);
    const malformed = await request(fixture.app)
      .post('/facts')
      .set('authorization', callers.service)
      .set('content-type', 'application/json')
      .send('{"items": [');
    expect(malformed.status).toBe(400);
    const huge = await push(fixture, {
      items: [
        {
          entityRef: GATEWAY,
          source: 'pushed',
          facts: { blob: 'x'.repeat(6_000_000) },
        },
      ],
    });
    expect(huge.status).toBe(413);
    expect((await push(fixture, { items: [] })).body.error.message).toContain(
      'items: must NOT have fewer than 1 items',
    );
    const tooMany = await push(fixture, {
      items: Array.from({ length: 1001 }, () => valid.items[0]),
    });
    expect(tooMany.body.error.message).toContain(
      'items: must NOT have more than 1000 items',
    );
    expect((await push(fixture, [valid])).body.error.message).toContain(
      'body: must be object',
    );
    expect(
      (await push(fixture, { items: valid.items, extra: 1 })).body.error
        .message,
    ).toContain('extra: is not allowed');

    fixture.setDecision(AuthorizeResult.DENY);
    const denied = await push(fixture, valid);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/maturity.facts.push/);
  });

  it('accepts observedAt up to 5 minutes ahead (clock skew) and rejects bad dates', async () => {
    const fixture = await createFixture(databaseId);
    const soon = new Date(Date.now() + 2 * 60_000).toISOString();
    const ok = await push(fixture, {
      items: [
        {
          entityRef: GATEWAY,
          source: 'ci',
          facts: { coverage: 2 },
          observedAt: soon,
        },
      ],
    });
    expect(ok.status).toBe(200);
    const bad = await push(fixture, {
      items: [
        {
          entityRef: GATEWAY,
          source: 'ci',
          facts: { coverage: 2 },
          observedAt: '2026-13-45',
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'items[0].observedAt: must be an ISO 8601 date-time',
    );
  });

  it('lists the pushed source in GET /sources', async () => {
    const fixture = await createFixture(databaseId);
    const res = await request(fixture.app).get('/sources');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map(
        (s: { id: string; acceptsPush: boolean; collects: boolean }) => [
          s.id,
          s.collects,
          s.acceptsPush,
        ],
      ),
    ).toEqual([
      ['catalog', true, false],
      ['pushed', false, true],
      ['ci', false, true],
    ]);
    expect(res.body.items[1]).toMatchObject({
      title: 'Pushed facts',
      schema: { type: 'object' },
      schedule: null,
    });
    expect(
      (
        await request(fixture.app)
          .get('/sources')
          .set('authorization', callers.none)
      ).status,
    ).toBe(401);
  });
});
