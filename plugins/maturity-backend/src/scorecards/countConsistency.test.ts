import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createFixture, databases } from '../__testUtils__/fixture';
import { ESTATE, SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(120_000);

interface CheckItem {
  checkId: string;
  counts: Record<string, number>;
  failing: number;
  error: number;
  notCountedYet: number;
  effective: boolean;
}

interface EntityCheck {
  id: string;
  status: string;
  effective: boolean;
}

/**
 * The estate's scorecard with two more checks: one that only applies to websites (not-applicable for
 * services) and one that fails everywhere but does not count until 2099. With CI facts pushed for two
 * services (one passing, one failing coverage) the rest error: every status is present.
 */
const MIXED: Entity[] = ESTATE.map(entity => {
  if (entity.kind !== 'Scorecard') return entity;
  const spec = entity.spec as { checks: object[] };
  return {
    ...entity,
    spec: {
      ...spec,
      checks: [
        ...spec.checks,
        {
          id: 'website-docs',
          title: 'Websites have docs',
          level: 'bronze',
          category: 'docs',
          appliesTo: { type: 'website' },
          rule: { fact: 'catalog.hasDocs', operator: 'equal', value: true },
        },
        {
          id: 'later',
          title: 'Counts from 2099',
          level: 'bronze',
          category: 'quality',
          effectiveFrom: '2099-01-01',
          rule: { fact: 'catalog.kind', operator: 'equal', value: 'API' },
        },
      ],
    },
  };
});

describe.each(databases.eachSupportedId())(
  'one definition of failing across the API (%s)',
  databaseId => {
    it('agrees between the check list, check detail pages and entity views over pass/fail/error/N/A', async () => {
      const { app, services } = await createFixture(databaseId, {
        entities: MIXED,
      });
      await services.facts.writeFacts([
        {
          entityRef: 'component:default/payment-gateway',
          source: 'ci',
          facts: { coverage: 90 },
        },
        {
          entityRef: 'component:default/ledger',
          source: 'ci',
          facts: { coverage: 10 },
        },
      ]);
      await services.evaluation.evaluateEntities([
        'component:default/payment-gateway',
        'component:default/ledger',
      ]);

      const list = await request(app)
        .get('/scorecards/default/test-maturity/checks')
        .query({ order: 'failing' });
      expect(list.status).toBe(200);
      const items: CheckItem[] = list.body.items;
      const byId = new Map(items.map(i => [i.checkId, i]));
      const statuses = new Set(
        items.flatMap(i =>
          Object.entries(i.counts)
            .filter(([, n]) => n > 0)
            .map(([s]) => s),
        ),
      );
      expect([...statuses].sort()).toEqual(
        ['error', 'fail', 'not-applicable', 'pass'].sort(),
      );

      // The not-yet-effective check fails for every entity, yet never ranks and counts as not counted yet.
      const later = byId.get('later')!;
      expect(later).toMatchObject({ effective: false, failing: 0, error: 0 });
      expect(later.counts.fail).toBeGreaterThan(0);
      expect(later.notCountedYet).toBe(later.counts.fail);
      expect(items[0].effective).toBe(true);
      expect(items[0].failing).toBeGreaterThan(0);
      // Errors never make a check failing.
      expect(byId.get('coverage')).toMatchObject({ failing: 1, error: 3 });

      for (const item of items) {
        const detail = async (status: string) =>
          (
            await request(app)
              .get(`/scorecards/default/test-maturity/checks/${item.checkId}`)
              .query({ status })
          ).body;
        const fail = await detail('fail');
        const error = await detail('error');
        const na = await detail('not-applicable');
        // The check page's counts are the list's counts, and each count is its table filter's total.
        expect(fail.counts).toEqual(item.counts);
        expect(fail.check.effective).toBe(item.effective);
        expect(fail.entities.total).toBe(item.counts.fail);
        expect(error.entities.total).toBe(item.counts.error);
        expect(na.entities.total).toBe(item.counts['not-applicable']);
        expect(item.failing).toBe(item.effective ? fail.entities.total : 0);
        expect(item.error).toBe(item.effective ? error.entities.total : 0);
      }

      // Entity views count the same way: summed over entities they equal the list's totals.
      const rated: string[] = (
        await request(app).get('/scorecards/default/test-maturity/entities')
      ).body.items.map((e: { entityRef: string }) => e.entityRef);
      let failed = 0;
      let errored = 0;
      for (const ref of rated) {
        const [kind, rest] = ref.split(':');
        const view = (await request(app).get(`/entities/${kind}/${rest}`)).body;
        const card = view.scorecards.find(
          (s: { ref: string }) => s.ref === SCORECARD,
        );
        const checks: EntityCheck[] = card.checks;
        const counted = (status: string) =>
          checks.filter(c => c.effective && c.status === status).length;
        expect(card.counts.failed).toBe(counted('fail'));
        expect(card.counts.errored).toBe(counted('error'));
        failed += card.counts.failed;
        errored += card.counts.errored;
      }
      expect(failed).toBe(items.reduce((n, i) => n + i.failing, 0));
      expect(errored).toBe(items.reduce((n, i) => n + i.error, 0));
    });
  },
);
