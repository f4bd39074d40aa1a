import request from 'supertest';
import { callers, createFixture, databases } from '../../__testUtils__/fixture';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger';
const HISTORY = '/scorecards/default/test-maturity/checks/has-docs/history';
const HUGE = '9'.repeat(5000);

type Fixture = Awaited<ReturnType<typeof createFixture>>;

async function exemptionCount(fixture: Fixture) {
  const [{ n }] = await fixture.knex('maturity_exemptions').count({ n: '*' });
  return Number(n);
}

describe.each(databases.eachSupportedId())(
  'request validation layer, %p',
  databaseId => {
    let fixture: Fixture;
    beforeAll(async () => {
      fixture = await createFixture(databaseId);
    });

    const get = (path: string) =>
      request(fixture.app).get(path).set('authorization', callers.user);

    it.each([
      [`${HISTORY}?days=1e309`, 'days'],
      [`${HISTORY}?days=Infinity`, 'days'],
      [`${HISTORY}?days=-Infinity`, 'days'],
      [`${HISTORY}?days=${HUGE}`, 'days'],
      [`${HISTORY}?days=1e2`, 'days'],
      ['/scorecards/default/test-maturity/history?days=Infinity', 'days'],
      ['/entities/component/default/ledger/history?days=Infinity', 'days'],
      ['/exemptions?limit=Infinity', 'limit'],
      ['/exemptions?limit=-Infinity', 'limit'],
      ['/exemptions?limit=-1', 'limit'],
      ['/exemptions?offset=-1', 'offset'],
      ['/exemptions?offset=Infinity', 'offset'],
      ['/exemptions?limit=1&limit=2', 'limit'],
      ['/audit?before=Infinity', 'before'],
      ['/audit?before=99999999999', 'before'],
      ['/exemptions?entityRef=component:default/le%00dger', 'entityRef'],
      ['/scorecards/default/test-maturity/entities?owner=te%00am', 'owner'],
      ['/scorecards/default/test-mat%00urity', 'name'],
      ['/entities/component/default/led%01ger', 'name'],
    ])('GET %# answers 400 naming %s', async (path, field) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`'${field}'`);
    });

    it('still answers valid parameters', async () => {
      const res = await get(`${HISTORY}?days=30`);
      expect(res.status).toBe(200);
      expect(res.body.days).toBe(30);
      expect((await get('/exemptions?limit=500&offset=0')).status).toBe(200);
    });

    it.each([
      [{ expiresAt: '0000-00-00T00:00:00Z' }, 'expiresAt: year'],
      [{ expiresAt: '2027-01-01T00:00:00+99:99' }, 'offset'],
      [{ expiresAt: '2027-02-29T00:00:00Z' }, 'does not exist'],
      [{ expiresAt: 'Infinity' }, 'date-time'],
      [{ reason: '   \n\t ' }, 'reason: must not be blank'],
      [{ reason: 'docs\u0000' }, 'reason: must not contain control'],
      [{ entityRef: 'component:default/led\u0000ger' }, 'entityRef: must not'],
      [{ checkId: 'has\u0007docs' }, 'checkId: must not'],
    ])(
      'refuses exemption request %# (400 containing %p, nothing stored)',
      async (body, message) => {
        const before = await exemptionCount(fixture);
        const res = await request(fixture.app)
          .post('/exemptions')
          .set('authorization', callers.user)
          .send({
            entityRef: LEDGER,
            definitionRef: 'test-maturity',
            checkId: 'has-docs',
            reason: 'Docs in the wiki',
            ...body,
          });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
        expect(await exemptionCount(fixture)).toBe(before);
      },
    );

    it('checks decisions: UUID ids before any query, dates and comments; a refused approval changes nothing', async () => {
      const created = await request(fixture.app)
        .post('/exemptions')
        .set('authorization', callers.user)
        .send({
          entityRef: LEDGER,
          definitionRef: 'test-maturity',
          checkId: 'has-docs',
          reason: 'Multi-line reasons\nare fine',
          expiresAt: '2099-01-01T00:00:00+01:00',
        });
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      const approve = (path: string, body: object) =>
        request(fixture.app)
          .post(path)
          .set('authorization', callers.approver)
          .send(body);

      const select = jest.fn();
      fixture.knex.on('query', select);
      for (const bad of ['1', "x' or '1'='1", `${id}%00`]) {
        const res = await approve(`/exemptions/${bad}/approve`, {});
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain("path parameter 'id'");
      }
      fixture.knex.removeListener('query', select);
      expect(select).not.toHaveBeenCalled();

      for (const expiresAt of [
        '0000-00-00T00:00:00Z',
        '2030-01-01T00:00:00+99:99',
        '2030-02-30T00:00:00Z',
      ]) {
        const res = await approve(`/exemptions/${id}/approve`, { expiresAt });
        expect(res.status).toBe(400);
      }
      const comment = await approve(`/exemptions/${id}/deny`, {
        comment: 'no\u0000',
      });
      expect(comment.status).toBe(400);
      const row = await fixture
        .knex('maturity_exemptions')
        .where({ id })
        .first();
      expect(row.status).toBe('requested');

      const approved = await approve(`/exemptions/${id}/approve`, {
        expiresAt: '2030-06-30T12:00:00-05:00',
      });
      expect(approved.status).toBe(200);
      expect(approved.body.expiresAt).toBe('2030-06-30T17:00:00.000Z');
    });

    it('refuses pushed facts with a year-0 observedAt, NUL text or a non-finite number', async () => {
      const push = (item: object) =>
        request(fixture.app)
          .post('/facts')
          .set('authorization', callers.service)
          .set('content-type', 'application/json')
          .send(
            typeof item === 'string'
              ? item
              : { items: [{ entityRef: LEDGER, source: 'ci', ...item }] },
          );
      const observed = await push({
        facts: { coverage: 50 },
        observedAt: '0000-01-01T00:00:00Z',
      });
      expect(observed.status).toBe(400);
      expect(observed.body.error.message).toContain('observedAt');
      const nul = await push({ facts: { coverage: 50, branch: 'ma\u0000in' } });
      expect(nul.status).toBe(400);
      expect(nul.body.error.message).toContain('branch');
      const huge = await push(
        `{"items":[{"entityRef":"${LEDGER}","source":"ci","facts":{"coverage":1e400}}]}` as unknown as object,
      );
      expect(huge.status).toBe(400);
      expect(huge.body.error.message).toContain('coverage');
    });
  },
);
