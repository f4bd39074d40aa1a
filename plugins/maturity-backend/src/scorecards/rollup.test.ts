import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { ESTATE } from '../__testUtils__/estate';

jest.setTimeout(60_000);

interface Group {
  key: string | null;
  entityCount: number;
  distribution: Array<{ level: string | null; count: number }>;
  categories: Array<{
    id: string;
    passed: number;
    total: number;
    share: number | null;
  }>;
}

/** The groups of a roll-up added up into one, as the `org` group must come out. */
function sumOf(groups: Group[]): Omit<Group, 'key'> {
  const [first] = groups;
  const rate = (passed: number, total: number) =>
    total === 0 ? null : Math.round((passed / total) * 10_000) / 10_000;
  return {
    entityCount: groups.reduce((n, g) => n + g.entityCount, 0),
    distribution: first.distribution.map((slot, i) => ({
      level: slot.level,
      count: groups.reduce((n, g) => n + g.distribution[i].count, 0),
    })),
    categories: first.categories.map((category, i) => {
      const passed = groups.reduce((n, g) => n + g.categories[i].passed, 0);
      const total = groups.reduce((n, g) => n + g.categories[i].total, 0);
      return { id: category.id, passed, total, share: rate(passed, total) };
    }),
  };
}

/** The estate with an experimental ledger, so that a lifecycle filter leaves most entities out. */
const VARIED: Entity[] = ESTATE.map(e =>
  e.metadata.name === 'ledger'
    ? { ...e, spec: { ...e.spec, lifecycle: 'experimental' } }
    : e,
);

describe.each(databases.eachSupportedId())('roll-up, %p', databaseId => {
  // The org group is counted from the scorecard's whole index minus the entities left out (or, when
  // most are left out, entity by entity); owner groups by joining every entity to its group. Both must
  // give the same numbers, whichever entities the caller sees and the filters keep.
  it.each([
    ['everything visible', callers.user, {}],
    ['one entity hidden from the caller', callers.outsider, {}],
    ['most entities filtered out', callers.user, { owner: 'payments' }],
    ['one entity filtered out', callers.user, { lifecycle: 'production' }],
    ['hidden and filtered out', callers.outsider, { lifecycle: 'production' }],
  ])(
    'gives the org group the sum of the owner groups: %s',
    async (_case, caller, filters) => {
      const { app } = await createFixture(databaseId, { entities: VARIED });
      const rollup = (groupBy: string) =>
        request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy, ...filters })
          .set('authorization', caller);
      const [org, owner] = await Promise.all([rollup('org'), rollup('owner')]);
      expect(org.status).toBe(200);
      expect(owner.body.groups.length).toBeGreaterThan(0);
      expect(org.body.groups).toEqual([
        { key: 'org', ...sumOf(owner.body.groups) },
      ]);
    },
  );

  it('counts the categories of the whole organisation', async () => {
    const { app } = await createFixture(databaseId);
    const org = await request(app).get(
      '/scorecards/default/test-maturity/rollup',
    );
    expect(org.body.groups[0].categories).toEqual([
      { id: 'ownership', passed: 7, total: 10, share: 0.7 },
      { id: 'docs', passed: 3, total: 5, share: 0.6 },
      { id: 'quality', passed: 0, total: 5, share: 0 },
    ]);
    const outsider = await request(app)
      .get('/scorecards/default/test-maturity/rollup')
      .set('authorization', callers.outsider);
    expect(outsider.body.groups[0].categories).toEqual([
      { id: 'ownership', passed: 5, total: 8, share: 0.625 },
      { id: 'docs', passed: 2, total: 4, share: 0.5 },
      { id: 'quality', passed: 0, total: 4, share: 0 },
    ]);
  });

  it('has no group when the caller sees nothing the filters keep', async () => {
    const { app } = await createFixture(databaseId);
    const res = await request(app)
      .get('/scorecards/default/test-maturity/rollup')
      .query({ owner: 'group:default/nobody-at-all' });
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual([]);
  });

  it('refuses an owner that cannot be an entity ref', async () => {
    const { app } = await createFixture(databaseId);
    for (const owner of ['pay ments', 'group:', 'group:default/<script>']) {
      const res = await request(app)
        .get('/scorecards/default/test-maturity/rollup')
        .query({ owner });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('Invalid owner');
    }
  });
});
