import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const refs = (items: Array<{ entityRef: string }>) =>
  items.map(i => i.entityRef);

describe.each(databases.eachSupportedId())(
  'scorecard routes, %p',
  databaseId => {
    describe('GET /scorecards', () => {
      it('lists scorecards with the level distribution the caller can see', async () => {
        const { app } = await createFixture(databaseId);
        const res = await request(app)
          .get('/scorecards')
          .set('authorization', callers.user);
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([
          {
            ref: SCORECARD,
            namespace: 'default',
            name: 'test-maturity',
            title: 'Test Maturity',
            description: 'A small scorecard for the API tests',
            owner: 'group:default/platform',
            levels: [
              { id: 'bronze', title: 'Bronze' },
              { id: 'silver', title: 'Silver' },
              { id: 'gold', title: 'Gold' },
            ],
            categories: [
              { id: 'ownership', title: 'Ownership' },
              { id: 'docs', title: 'Documentation' },
              { id: 'quality', title: 'Quality' },
            ],
            checkCount: 4,
            entityCount: 5,
            distribution: [
              { level: null, count: 2 },
              { level: 'bronze', count: 1 },
              { level: 'silver', count: 2 },
              { level: 'gold', count: 0 },
            ],
          },
        ]);

        const outsider = await request(app)
          .get('/scorecards')
          .set('authorization', callers.outsider);
        expect(outsider.body.items[0]).toMatchObject({
          entityCount: 4,
          distribution: [
            { level: null, count: 2 },
            { level: 'bronze', count: 1 },
            { level: 'silver', count: 1 },
            { level: 'gold', count: 0 },
          ],
        });
      });

      it('refuses anonymous callers', async () => {
        const { app } = await createFixture(databaseId);
        expect(
          (
            await request(app)
              .get('/scorecards')
              .set('authorization', callers.none)
          ).status,
        ).toBe(401);
      });
    });

    describe('GET /scorecards/:namespace/:name', () => {
      it('returns the compiled definition with readable rules', async () => {
        const { app } = await createFixture(databaseId);
        const res = await request(app).get('/scorecards/default/test-maturity');
        expect(res.status).toBe(200);
        expect(res.body.appliesTo).toEqual({
          kind: 'Component',
          type: ['service', 'website'],
        });
        expect(res.body.checks.map((c: { id: string }) => c.id)).toEqual([
          'has-owner',
          'has-docs',
          'has-system',
          'coverage',
        ]);
        expect(res.body.checks[0]).toMatchObject({
          level: 'bronze',
          category: 'ownership',
          remediation: 'Set spec.owner to an existing Group',
          ruleText:
            'all of:\n  - catalog.owner.exists equals true\n  - catalog.owner.kind equals "Group"',
          problems: [],
        });
        expect(res.body.checks[2].ruleText).toBe(
          'any of:\n  - catalog.system exists\n  - not:\n    - catalog.spec.type equals "service"',
        );
      });

      it('answers 404 for an unknown scorecard', async () => {
        const { app } = await createFixture(databaseId);
        const res = await request(app).get('/scorecards/default/nope');
        expect(res.status).toBe(404);
      });
    });

    describe('GET /scorecards/:namespace/:name/checks/:checkId', () => {
      it('counts statuses over visible entities and pages them by entity ref', async () => {
        const { app } = await createFixture(databaseId);
        const first = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-owner')
          .query({ limit: 2 });
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({
          scorecardRef: SCORECARD,
          check: { id: 'has-owner', title: 'Owned by an existing team' },
          counts: {
            pass: 3,
            fail: 2,
            error: 0,
            'not-applicable': 0,
            exempt: 0,
          },
          passRate: 0.6,
        });
        expect(first.body.entities).toMatchObject({
          total: 5,
          limit: 2,
          offset: 0,
          nextOffset: 2,
        });
        expect(refs(first.body.entities.items)).toEqual([
          'component:default/ledger',
          'component:default/orphan',
        ]);

        const last = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-owner')
          .query({ limit: 2, offset: 4 });
        expect(refs(last.body.entities.items)).toEqual([
          'component:default/website',
        ]);
        expect(last.body.entities.nextOffset).toBeNull();
        expect(last.body.entities.items[0]).toMatchObject({
          status: 'fail',
          failing: { fact: 'catalog.owner.exists', operator: 'equal' },
        });
      });

      it('filters by status and by owner, and hides what the caller cannot see', async () => {
        const { app } = await createFixture(databaseId);
        const failing = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-owner')
          .query({ status: 'fail' });
        expect(refs(failing.body.entities.items)).toEqual([
          'component:default/orphan',
          'component:default/website',
        ]);
        expect(failing.body.counts.pass).toBe(3);

        const payments = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-docs')
          .query({ owner: 'payments' });
        expect(refs(payments.body.entities.items)).toEqual([
          'component:default/ledger',
          'component:default/payment-gateway',
        ]);
        expect(payments.body.counts).toMatchObject({ pass: 1, fail: 1 });
        expect(payments.body.passRate).toBe(0.5);

        const outsider = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-owner')
          .set('authorization', callers.outsider);
        expect(outsider.body.entities.total).toBe(4);
        expect(refs(outsider.body.entities.items)).not.toContain(
          'component:default/secret-service',
        );
        expect(outsider.body.passRate).toBe(0.5);
      });

      it('answers 404 for an unknown check and 400 for bad paging', async () => {
        const { app } = await createFixture(databaseId);
        expect(
          (
            await request(app).get(
              '/scorecards/default/test-maturity/checks/nope',
            )
          ).status,
        ).toBe(404);
        const bad = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-owner')
          .query({ limit: 0 });
        expect(bad.status).toBe(400);
        const badStatus = await request(app)
          .get('/scorecards/default/test-maturity/checks/has-owner')
          .query({ status: 'broken' });
        expect(badStatus.status).toBe(400);
      });
    });

    describe('GET /scorecards/:namespace/:name/checks/:checkId/history', () => {
      it('rebuilds the pass rate per day from transitions and the current state', async () => {
        const start = new Date(Date.now() - 3 * DAY);
        const { app, clock, services } = await createFixture(databaseId, {
          clockStart: start,
        });
        clock.advance(2 * DAY);
        await services.facts.writeFacts([
          {
            entityRef: 'component:default/payment-gateway',
            source: 'ci',
            facts: { coverage: 90 },
          },
        ]);
        await services.evaluation.evaluateEntities([
          'component:default/payment-gateway',
        ]);

        const res = await request(app)
          .get('/scorecards/default/test-maturity/checks/coverage/history')
          .query({ days: 5 });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          scorecardRef: SCORECARD,
          checkId: 'coverage',
          days: 5,
        });
        expect(
          res.body.points.map((p: { passRate: number | null }) => p.passRate),
        ).toEqual([null, 0, 0, 0.2, 0.2]);
        expect(res.body.points[4]).toMatchObject({
          passed: 1,
          failed: 4,
          total: 5,
        });

        const outsider = await request(app)
          .get('/scorecards/default/test-maturity/checks/coverage/history')
          .query({ days: 1 })
          .set('authorization', callers.outsider);
        expect(outsider.body.points).toEqual([
          expect.objectContaining({
            passed: 1,
            failed: 3,
            total: 4,
            passRate: 0.25,
          }),
        ]);
      });
    });

    describe('GET /scorecards/:namespace/:name/rollup', () => {
      it('groups by owner: level distribution and category shares', async () => {
        const { app } = await createFixture(databaseId);
        const res = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy: 'owner' });
        expect(res.status).toBe(200);
        expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual([
          'group:default/ghosts',
          'group:default/nobody',
          'group:default/payments',
          'group:default/platform',
        ]);
        const payments = res.body.groups[2];
        expect(payments).toEqual({
          key: 'group:default/payments',
          entityCount: 2,
          distribution: [
            { level: null, count: 0 },
            { level: 'bronze', count: 1 },
            { level: 'silver', count: 1 },
            { level: 'gold', count: 0 },
          ],
          categories: [
            { id: 'ownership', passed: 4, total: 4, share: 1 },
            { id: 'docs', passed: 1, total: 2, share: 0.5 },
            { id: 'quality', passed: 0, total: 2, share: 0 },
          ],
        });
      });

      it('groups by system and domain (through the system), with a null group for the rest', async () => {
        const { app } = await createFixture(databaseId);
        const system = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy: 'system' });
        expect(
          system.body.groups.map((g: { key: string; entityCount: number }) => [
            g.key,
            g.entityCount,
          ]),
        ).toEqual([
          ['system:default/checkout', 3],
          [null, 2],
        ]);
        const domain = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy: 'domain' });
        expect(
          domain.body.groups.map((g: { key: string; entityCount: number }) => [
            g.key,
            g.entityCount,
          ]),
        ).toEqual([
          ['domain:default/commerce', 3],
          [null, 2],
        ]);
      });

      it('rolls the whole organisation up by default, over what the caller sees', async () => {
        const { app } = await createFixture(databaseId);
        const org = await request(app).get(
          '/scorecards/default/test-maturity/rollup',
        );
        expect(org.body.groupBy).toBe('org');
        expect(org.body.groups).toEqual([
          expect.objectContaining({
            key: 'org',
            entityCount: 5,
            distribution: [
              { level: null, count: 2 },
              { level: 'bronze', count: 1 },
              { level: 'silver', count: 2 },
              { level: 'gold', count: 0 },
            ],
          }),
        ]);
        const outsider = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .set('authorization', callers.outsider);
        expect(outsider.body.groups[0].entityCount).toBe(4);
        const bad = await request(app)
          .get('/scorecards/default/test-maturity/rollup')
          .query({ groupBy: 'planet' });
        expect(bad.status).toBe(400);
      });
    });
  },
);
