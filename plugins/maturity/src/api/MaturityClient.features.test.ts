import { MaturityClient } from './MaturityClient';

const BASE = 'http://backend/api/maturity';

/** A client over a fake backend answering by path (without the query); 404 for anything else. */
function backend(routes: Record<string, unknown>) {
  const fetch = jest.fn(async (url: string) => {
    const path = url.slice(BASE.length).split('?')[0];
    const body = routes[path];
    return new Response(
      JSON.stringify(
        body ?? { error: { name: 'NotFoundError', message: 'nope' } },
      ),
      {
        status: body === undefined ? 404 : 200,
        headers: { 'Content-Type': 'application/json' },
      },
    );
  });
  const client = new MaturityClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  const urls = () => fetch.mock.calls.map(c => c[0].slice(BASE.length));
  return { client, urls };
}

const SCORECARD = { namespace: 'default', name: 'sm' };
const counts = (pass: number, fail: number, error = 0) => ({
  pass,
  fail,
  error,
  'not-applicable': 0,
  exempt: 0,
});
const check = (id: string, title: string) => ({
  id,
  title,
  level: 'bronze',
  rule: {},
  ruleText: '',
  problems: [],
});
const exemption = (id: string, checkId: string) => ({
  id,
  checkId,
  entityRef: 'component:default/a',
  definitionRef: 'scorecard:default/sm',
});

/** The OpenAPI document of a backend that has the newer endpoints. */
const CURRENT_SPEC = {
  paths: {
    '/scorecards/{namespace}/{name}/checks': { get: {} },
    '/exemptions': {
      get: {
        parameters: [
          { name: 'checkId' },
          { name: 'limit' },
          { name: 'offset' },
        ],
      },
    },
  },
};

describe('MaturityClient against backends with and without the newer endpoints', () => {
  it("asks for a team's check counts in one request when the backend has the endpoint", async () => {
    const page = { items: [], total: 0, limit: 10, offset: 0 };
    const { client, urls } = backend({
      '/openapi.json': CURRENT_SPEC,
      '/scorecards/default/sm/checks': page,
    });
    await expect(
      client.listScorecardChecks(SCORECARD, {
        filters: { owner: 'group:default/payments' },
        order: 'failing',
        limit: 10,
      }),
    ).resolves.toEqual(page);
    expect(urls()).toEqual([
      '/openapi.json',
      '/scorecards/default/sm/checks?owner=group%3Adefault%2Fpayments&order=failing&limit=10',
    ]);
  });

  it('counts the checks with one request per check when the backend lacks the endpoint', async () => {
    const { client, urls } = backend({
      '/openapi.json': { paths: {} },
      '/scorecards/default/sm': {
        ref: 'scorecard:default/sm',
        checks: [check('a', 'Alpha'), check('b', 'Beta'), check('c', 'Gamma')],
      },
      '/scorecards/default/sm/checks/a': {
        counts: counts(3, 1),
        passRate: 0.75,
      },
      '/scorecards/default/sm/checks/b': {
        counts: counts(1, 2, 1),
        passRate: 0.25,
      },
      '/scorecards/default/sm/checks/c': {
        counts: counts(4, 0),
        passRate: 1,
      },
    });
    const page = await client.listScorecardChecks(SCORECARD, {
      filters: { owner: 'group:default/payments' },
      order: 'failing',
      limit: 2,
    });
    expect(page).toMatchObject({
      scorecardRef: 'scorecard:default/sm',
      entityCount: 4,
      total: 3,
      limit: 2,
      offset: 0,
      nextOffset: 2,
    });
    expect(page.items.map(i => [i.checkId, i.failing, i.passRate])).toEqual([
      ['b', 3, 0.25],
      ['a', 1, 0.75],
    ]);
    expect(urls()).toEqual(
      expect.arrayContaining([
        '/scorecards/default/sm/checks/a?owner=group%3Adefault%2Fpayments&status=fail&limit=1',
        '/scorecards/default/sm/checks/c?owner=group%3Adefault%2Fpayments&status=fail&limit=1',
      ]),
    );
  });

  it('refuses filters the one-request-per-check fallback cannot apply', async () => {
    const { client } = backend({ '/openapi.json': { paths: {} } });
    await expect(
      client.listScorecardChecks(SCORECARD, {
        filters: { owner: 'group:default/payments', system: 'checkout' },
      }),
    ).rejects.toThrow(/cannot count checks by system/);
  });

  it("asks for one page of a check's exemptions when the backend pages them", async () => {
    const page = { items: [], total: 0, limit: 10, offset: 20 };
    const { client, urls } = backend({
      '/openapi.json': CURRENT_SPEC,
      '/exemptions': page,
    });
    await expect(
      client.listExemptionPage({
        definitionRef: 'scorecard:default/sm',
        checkId: 'a',
        limit: 10,
        offset: 20,
      }),
    ).resolves.toEqual(page);
    expect(urls()[1]).toBe(
      '/exemptions?definitionRef=scorecard%3Adefault%2Fsm&checkId=a&limit=10&offset=20',
    );
  });

  it('cuts the page from the whole list when the backend cannot filter by check or page', async () => {
    const { client, urls } = backend({
      // Without a readable OpenAPI document every newer endpoint counts as missing.
      '/exemptions': {
        items: [
          exemption('1', 'a'),
          exemption('2', 'b'),
          exemption('3', 'a'),
          exemption('4', 'a'),
        ],
      },
    });
    const page = await client.listExemptionPage({
      definitionRef: 'scorecard:default/sm',
      checkId: 'a',
      limit: 2,
      offset: 2,
    });
    expect(page).toEqual({
      items: [exemption('4', 'a')],
      total: 3,
      limit: 2,
      offset: 2,
      nextOffset: null,
    });
    expect(urls()).toEqual([
      '/openapi.json',
      '/exemptions?scorecard=scorecard%3Adefault%2Fsm',
    ]);
  });
});
