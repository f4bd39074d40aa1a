import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const CHECKS = ['has-owner', 'has-docs', 'has-system', 'coverage'];

type Fixture = Awaited<ReturnType<typeof createFixture>>;

/** A check's counts as the check detail (one request per check) gives them. */
async function detailCounts(
  fixture: Fixture,
  checkId: string,
  query: Record<string, string>,
  caller: string,
) {
  const res = await request(fixture.app)
    .get(`/scorecards/default/test-maturity/checks/${checkId}`)
    .query({ ...query, limit: 1 })
    .set('authorization', caller);
  return { counts: res.body.counts, passRate: res.body.passRate };
}

describe.each(databases.eachSupportedId())(
  'GET /scorecards/:namespace/:name/checks, %p',
  databaseId => {
    it.each([
      ['a team', callers.user, { owner: 'payments' }],
      [
        'a team, as a full ref',
        callers.user,
        { owner: 'group:default/payments' },
      ],
      ['everything', callers.user, {}],
      ['everything the outsider sees', callers.outsider, {}],
      [
        'a team whose entity is hidden',
        callers.outsider,
        { owner: 'platform' },
      ],
    ])(
      'counts every check as the check detail does: %s',
      async (_case, caller, query: Record<string, string>) => {
        const fixture = await createFixture(databaseId);
        const res = await request(fixture.app)
          .get('/scorecards/default/test-maturity/checks')
          .query(query)
          .set('authorization', caller);
        expect(res.status).toBe(200);
        // Without `order`, the checks come as the scorecard lists them.
        expect(
          res.body.items.map((i: { checkId: string }) => i.checkId),
        ).toEqual(CHECKS);
        for (const item of res.body.items) {
          expect({ checkId: item.checkId, counts: item.counts }).toEqual({
            checkId: item.checkId,
            counts: (await detailCounts(fixture, item.checkId, query, caller))
              .counts,
          });
        }
      },
    );

    it("gives a team's checks with definition, failing count and pass rate", async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/scorecards/default/test-maturity/checks')
        .query({ owner: 'payments' });
      expect(res.body).toMatchObject({
        scorecardRef: SCORECARD,
        entityCount: 2,
        total: 4,
        limit: 50,
        offset: 0,
        nextOffset: null,
      });
      expect(res.body.items[1]).toEqual({
        checkId: 'has-docs',
        title: 'Has TechDocs',
        level: 'silver',
        category: 'docs',
        counts: { pass: 1, fail: 1, error: 0, 'not-applicable': 0, exempt: 0 },
        failing: 1,
        error: 0,
        notCountedYet: 0,
        effective: true,
        passRate: 0.5,
      });
    });

    it('orders by failing results, then title, and pages', async () => {
      const { app } = await createFixture(databaseId);
      const page = (query: Record<string, string | number>) =>
        request(app)
          .get('/scorecards/default/test-maturity/checks')
          .query({ order: 'failing', ...query });
      const all = await page({});
      const failing = all.body.items.map((i: { failing: number }) => i.failing);
      expect(failing).toEqual([...failing].sort((a, b) => b - a));
      // coverage only errors (no CI facts): errors never rank as failures.
      expect(all.body.items[0].failing).toBeGreaterThan(0);
      expect(all.body.items[all.body.items.length - 1]).toMatchObject({
        checkId: 'coverage',
        failing: 0,
        error: 5,
      });
      const first = await page({ limit: 3 });
      expect(first.body).toMatchObject({ total: 4, limit: 3, nextOffset: 3 });
      const second = await page({ limit: 3, offset: 3 });
      expect(second.body).toMatchObject({ offset: 3, nextOffset: null });
      expect(
        [...first.body.items, ...second.body.items].map(
          (i: { checkId: string }) => i.checkId,
        ),
      ).toEqual(all.body.items.map((i: { checkId: string }) => i.checkId));
    });

    it('has zero counts for a team that owns nothing rated', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/scorecards/default/test-maturity/checks')
        .query({ owner: 'group:default/nobody-at-all' });
      expect(res.status).toBe(200);
      expect(res.body.entityCount).toBe(0);
      expect(
        res.body.items.map((i: { failing: number; passRate: unknown }) => [
          i.failing,
          i.passRate,
        ]),
      ).toEqual(CHECKS.map(() => [0, null]));
    });

    it.each([
      [{ owner: 'pay ments' }, /Invalid owner/],
      [{ owner: 'group:' }, /Invalid owner/],
      [{ owner: 'group:default/%%' }, /Invalid owner/],
      [{ order: 'random' }, /order/],
      [{ limit: 0 }, /limit/],
      [{ offset: -1 }, /offset/],
    ])('answers 400 for %p', async (query, message) => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/scorecards/default/test-maturity/checks')
        .query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 404 for an unknown scorecard and 401 without a caller', async () => {
      const { app } = await createFixture(databaseId);
      expect(
        (await request(app).get('/scorecards/default/nope/checks')).status,
      ).toBe(404);
      expect(
        (
          await request(app)
            .get('/scorecards/default/test-maturity/checks')
            .set('authorization', callers.none)
        ).status,
      ).toBe(401);
    });
  },
);
