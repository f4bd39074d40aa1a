import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { ESTATE, SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const refs = (items: Array<{ entityRef: string }>) =>
  items.map(i => i.entityRef);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const distribution = (
  none: number,
  bronze: number,
  silver: number,
  gold: number,
) => [
  { level: null, count: none },
  { level: 'bronze', count: bronze },
  { level: 'silver', count: silver },
  { level: 'gold', count: gold },
];

/** The estate with a titled payment-gateway and an experimental ledger. */
const VARIED: Entity[] = ESTATE.map(e => {
  if (e.metadata.name === 'payment-gateway')
    return { ...e, metadata: { ...e.metadata, title: 'Payment Gateway' } };
  if (e.metadata.name === 'ledger')
    return { ...e, spec: { ...e.spec, lifecycle: 'experimental' } };
  return e;
});

describe.each(databases.eachSupportedId())(
  'scorecard report routes, %p',
  databaseId => {
    describe('GET /scorecards/:namespace/:name/entities', () => {
      it('ranks visible entities lowest level first, then most failed checks, then by ref, in pages', async () => {
        const { app, services } = await createFixture(databaseId, {
          entities: VARIED,
        });
        // secret-service stays silver but now fails coverage: it ranks before payment-gateway.
        await services.facts.writeFacts([
          {
            entityRef: 'component:default/secret-service',
            source: 'ci',
            facts: { coverage: 50 },
          },
        ]);
        await services.evaluation.evaluateEntities([
          'component:default/secret-service',
        ]);

        const first = await request(app)
          .get('/scorecards/default/test-maturity/entities')
          .query({ order: 'level', limit: 3 });
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({
          total: 5,
          limit: 3,
          offset: 0,
          nextOffset: 3,
        });
        expect(refs(first.body.items)).toEqual([
          'component:default/orphan',
          'component:default/website',
          'component:default/ledger',
        ]);
        expect(first.body.items[0]).toEqual({
          entityRef: 'component:default/orphan',
          owner: 'group:default/ghosts',
          system: null,
          lifecycle: 'production',
          level: { id: null, title: null, index: -1 },
          counts: { passed: 0, failed: 3, errored: 1, total: 4 },
        });
        expect(first.body.items[2]).toMatchObject({
          lifecycle: 'experimental',
          level: { id: 'bronze', title: 'Bronze', index: 0 },
        });

        const last = await request(app)
          .get('/scorecards/default/test-maturity/entities')
          .query({ limit: 3, offset: 3 });
        expect(refs(last.body.items)).toEqual([
          'component:default/secret-service',
          'component:default/payment-gateway',
        ]);
        expect(last.body.nextOffset).toBeNull();
        expect(last.body.items[0].counts).toEqual({
          passed: 3,
          failed: 1,
          errored: 0,
          total: 4,
        });
        expect(last.body.items[1]).toEqual({
          entityRef: 'component:default/payment-gateway',
          title: 'Payment Gateway',
          owner: 'group:default/payments',
          system: 'system:default/checkout',
          lifecycle: 'production',
          level: { id: 'silver', title: 'Silver', index: 1 },
          counts: { passed: 3, failed: 0, errored: 1, total: 4 },
        });
      });

      it('hides what the caller cannot see', async () => {
        const { app } = await createFixture(databaseId);
        const res = await request(app)
          .get('/scorecards/default/test-maturity/entities')
          .set('authorization', callers.outsider);
        expect(res.body.total).toBe(4);
        expect(refs(res.body.items)).toEqual([
          'component:default/orphan',
          'component:default/website',
          'component:default/ledger',
          'component:default/payment-gateway',
        ]);
      });

      it.each([
        [
          { owner: 'payments' },
          ['component:default/ledger', 'component:default/payment-gateway'],
        ],
        [
          { owner: 'group:default/payments', lifecycle: 'PRODUCTION' },
          ['component:default/payment-gateway'],
        ],
        [
          { system: 'checkout' },
          [
            'component:default/ledger',
            'component:default/payment-gateway',
            'component:default/secret-service',
          ],
        ],
        [{ lifecycle: 'experimental' }, ['component:default/ledger']],
        [{ kind: 'Component', system: 'nope' }, []],
        [{ kind: 'system' }, []],
      ])('filters by %p', async (query, expected) => {
        const { app } = await createFixture(databaseId, { entities: VARIED });
        const res = await request(app)
          .get('/scorecards/default/test-maturity/entities')
          .query(query);
        expect(res.status).toBe(200);
        expect(refs(res.body.items)).toEqual(expected);
        expect(res.body.total).toBe(expected.length);
        expect(res.body.nextOffset).toBeNull();
      });

      it('answers 404 for an unknown scorecard and 400 for bad parameters', async () => {
        const { app } = await createFixture(databaseId);
        expect(
          (await request(app).get('/scorecards/default/nope/entities')).status,
        ).toBe(404);
        for (const query of [{ limit: 0 }, { order: 'name' }, { offset: -1 }]) {
          const res = await request(app)
            .get('/scorecards/default/test-maturity/entities')
            .query(query);
          expect(res.status).toBe(400);
        }
      });
    });

    describe('GET /scorecards/:namespace/:name/history', () => {
      it('gives the distribution per snapshot day, today from the current levels until snapshotted', async () => {
        const { app, services } = await createFixture(databaseId);
        const now = Date.now();
        const today = dayOf(new Date(now));
        const yesterday = dayOf(new Date(now - DAY));
        const twoDaysAgo = dayOf(new Date(now - 2 * DAY));
        const old = dayOf(new Date(now - 40 * DAY));
        await services.results.snapshotLevels(old);
        await services.results.snapshotLevels(twoDaysAgo);
        const reachGold = async (entityRef: string) => {
          await services.facts.writeFacts([
            { entityRef, source: 'ci', facts: { coverage: 90 } },
          ]);
          await services.evaluation.evaluateEntities([entityRef]);
        };
        await reachGold('component:default/payment-gateway');
        await services.results.snapshotLevels(yesterday);

        const res = await request(app).get(
          '/scorecards/default/test-maturity/history',
        );
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          scorecardRef: SCORECARD,
          days: 30,
          points: [
            { day: twoDaysAgo, distribution: distribution(2, 1, 2, 0) },
            { day: yesterday, distribution: distribution(2, 1, 1, 1) },
            { day: today, distribution: distribution(2, 1, 1, 1) },
          ],
        });

        // Once today is snapshotted, an evaluation moves today's snapshot rows with the levels it
        // writes: the trend's today agrees with the level distribution without waiting for the sweep.
        await services.results.snapshotLevels(today);
        await reachGold('component:default/secret-service');
        const snapshotted = await request(app)
          .get('/scorecards/default/test-maturity/history')
          .query({ days: 2 });
        expect(snapshotted.body.points).toEqual([
          { day: yesterday, distribution: distribution(2, 1, 1, 1) },
          { day: today, distribution: distribution(2, 1, 0, 2) },
        ]);
        const current = await request(app).get(
          '/scorecards/default/test-maturity',
        );
        expect(current.body.distribution).toEqual(distribution(2, 1, 0, 2));

        const long = await request(app)
          .get('/scorecards/default/test-maturity/history')
          .query({ days: 41 });
        expect(long.body.points.map((p: { day: string }) => p.day)).toEqual([
          old,
          twoDaysAgo,
          yesterday,
          today,
        ]);
      });

      it('counts only visible entities that pass the filters', async () => {
        const { app, services } = await createFixture(databaseId);
        const yesterday = dayOf(new Date(Date.now() - DAY));
        const today = dayOf(new Date());
        await services.results.snapshotLevels(yesterday);

        const outsider = await request(app)
          .get('/scorecards/default/test-maturity/history')
          .set('authorization', callers.outsider);
        expect(outsider.body.points).toEqual([
          { day: yesterday, distribution: distribution(2, 1, 1, 0) },
          { day: today, distribution: distribution(2, 1, 1, 0) },
        ]);

        const payments = await request(app)
          .get('/scorecards/default/test-maturity/history')
          .query({ owner: 'payments', kind: 'component', days: 1 });
        expect(payments.body.points).toEqual([
          { day: today, distribution: distribution(0, 1, 1, 0) },
        ]);

        const none = await request(app)
          .get('/scorecards/default/test-maturity/history')
          .query({ system: 'nope' });
        expect(none.body.points).toEqual([
          { day: today, distribution: distribution(0, 0, 0, 0) },
        ]);
      });

      it('answers 404 for an unknown scorecard and 400 for bad days', async () => {
        const { app } = await createFixture(databaseId);
        expect(
          (await request(app).get('/scorecards/default/nope/history')).status,
        ).toBe(404);
        expect(
          (
            await request(app)
              .get('/scorecards/default/test-maturity/history')
              .query({ days: 0 })
          ).status,
        ).toBe(400);
      });
    });

    describe('GET /scorecards/:namespace/:name/rollup with filters', () => {
      it('rolls up only the entities that pass the filters', async () => {
        const { app } = await createFixture(databaseId, { entities: VARIED });
        const payments = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy: 'system', owner: 'payments' });
        expect(payments.status).toBe(200);
        expect(payments.body.groups).toEqual([
          expect.objectContaining({
            key: 'system:default/checkout',
            entityCount: 2,
            distribution: distribution(0, 1, 1, 0),
          }),
        ]);

        const production = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ lifecycle: 'production', system: 'system:default/checkout' })
          .set('authorization', callers.outsider);
        expect(production.body.groups).toEqual([
          expect.objectContaining({
            key: 'org',
            entityCount: 1,
            distribution: distribution(0, 0, 1, 0),
          }),
        ]);

        // The unfiltered roll-up is not served from the filtered one's cache.
        const all = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy: 'system' });
        expect(
          all.body.groups.map((g: { entityCount: number }) => g.entityCount),
        ).toEqual([3, 2]);

        const systems = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ kind: 'System' });
        expect(systems.body.groups).toEqual([]);
      });
    });
  },
);
