import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger';
const GATEWAY = 'component:default/payment-gateway';
const WEBSITE = 'component:default/website';
const SECRET = 'component:default/secret-service';

type Fixture = Awaited<ReturnType<typeof createFixture>>;

/** Exemption requests, one second apart so that "newest first" is one order. */
async function requestAll(
  fixture: Fixture,
  requests: Array<[entityRef: string, checkId: string]>,
) {
  for (const [entityRef, checkId] of requests) {
    fixture.clock.advance(1000);
    const res = await request(fixture.app)
      .post('/exemptions')
      .set('authorization', callers.user)
      .send({
        entityRef,
        definitionRef: 'test-maturity',
        checkId,
        reason: 'Not yet',
      });
    expect(res.status).toBe(201);
  }
}

const entityRefs = (body: { items: Array<{ entityRef: string }> }) =>
  body.items.map(i => i.entityRef);

describe.each(databases.eachSupportedId())(
  'GET /exemptions, %p',
  databaseId => {
    async function withExemptions() {
      const fixture = await createFixture(databaseId);
      await requestAll(fixture, [
        [LEDGER, 'has-docs'],
        [SECRET, 'has-docs'],
        [LEDGER, 'coverage'],
        [GATEWAY, 'has-docs'],
        [WEBSITE, 'has-docs'],
      ]);
      return fixture;
    }

    it("lists one check's exemptions in pages, newest first, with the total", async () => {
      const { app } = await withExemptions();
      const page = (query: Record<string, string | number>) =>
        request(app)
          .get('/exemptions')
          .query({ definitionRef: SCORECARD, checkId: 'has-docs', ...query });
      const first = await page({ limit: 3 });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        total: 4,
        limit: 3,
        offset: 0,
        nextOffset: 3,
      });
      expect(entityRefs(first.body)).toEqual([WEBSITE, GATEWAY, SECRET]);
      const second = await page({ limit: 3, offset: 3 });
      expect(second.body).toMatchObject({ total: 4, nextOffset: null });
      expect(entityRefs(second.body)).toEqual([LEDGER]);
      // `scorecard` is the older name of the same filter, bare names included.
      const byScorecard = await request(app)
        .get('/exemptions')
        .query({ scorecard: 'test-maturity', checkId: 'coverage' });
      expect(byScorecard.body).toMatchObject({ total: 1, nextOffset: null });
      expect(entityRefs(byScorecard.body)).toEqual([LEDGER]);
    });

    it('pages and counts only what the caller can see', async () => {
      const { app } = await withExemptions();
      const page = (offset: number) =>
        request(app)
          .get('/exemptions')
          .query({ checkId: 'has-docs', limit: 2, offset })
          .set('authorization', callers.outsider);
      const first = await page(0);
      const second = await page(2);
      expect(first.body).toMatchObject({ total: 3, nextOffset: 2 });
      expect(second.body).toMatchObject({ total: 3, nextOffset: null });
      expect([...entityRefs(first.body), ...entityRefs(second.body)]).toEqual([
        WEBSITE,
        GATEWAY,
        LEDGER,
      ]);
    });

    it('answers callers that send no paging as before: every exemption, newest first', async () => {
      const { app } = await withExemptions();
      const res = await request(app).get('/exemptions');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(5);
      expect(res.body).toMatchObject({
        total: 5,
        limit: 500,
        offset: 0,
        nextOffset: null,
      });
      const empty = await request(app)
        .get('/exemptions')
        .query({ checkId: 'no-such-check' });
      expect(empty.body).toEqual({
        items: [],
        total: 0,
        limit: 500,
        offset: 0,
        nextOffset: null,
      });
    });

    it.each([
      [{ scorecard: 'test-maturity', definitionRef: 'other' }, /different/],
      [{ definitionRef: 'scorecard:' }, /Invalid/],
      [{ checkId: '' }, /checkId/],
      [{ limit: 0 }, /limit/],
      [{ limit: 501 }, /limit/],
      [{ offset: -1 }, /offset/],
    ])('answers 400 for %p', async (query, message) => {
      const { app } = await createFixture(databaseId);
      const res = await request(app).get('/exemptions').query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  },
);
