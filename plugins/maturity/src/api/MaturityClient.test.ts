import { ResponseError } from '@backstage/errors';
import { MaturityClient } from './MaturityClient';

function setup(response: { status?: number; body?: unknown } = {}) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(response.body ?? {}), {
        status: response.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new MaturityClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('MaturityClient', () => {
  it('lists scorecards from the maturity plugin', async () => {
    const { client, fetch } = setup({
      body: { items: [{ ref: 'scorecard:default/a' }] },
    });
    await expect(client.listScorecards()).resolves.toEqual([
      { ref: 'scorecard:default/a' },
    ]);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/maturity/scorecards',
      undefined,
    );
  });

  it('builds entity paths from refs, defaulting the namespace', async () => {
    const { client, fetch } = setup({ body: { scorecards: [] } });
    await client.getEntity('component:default/payment-gateway');
    await client.getEntity('api:payments-api');
    await client.getEntityHistory('component:default/a b', {
      scorecard: 'scorecard:default/service-maturity',
      days: 90,
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/maturity/entities/component/default/payment-gateway',
      'http://backend/api/maturity/entities/api/default/payments-api',
      'http://backend/api/maturity/entities/component/default/a%20b/history?scorecard=scorecard%3Adefault%2Fservice-maturity&days=90',
    ]);
  });

  it('passes check filters and pagination as query parameters, leaving out empty ones', async () => {
    const { client, fetch } = setup();
    await client.getCheck({ namespace: 'default', name: 'sm' }, 'has-owner', {
      status: 'fail',
      owner: 'group:default/payments',
      limit: 10,
      offset: 20,
    });
    await client.getRollup(
      { namespace: 'default', name: 'sm' },
      { groupBy: 'owner', filters: { kind: '' } },
    );
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/maturity/scorecards/default/sm/checks/has-owner?status=fail&owner=group%3Adefault%2Fpayments&limit=10&offset=20',
      'http://backend/api/maturity/scorecards/default/sm/rollup?groupBy=owner',
    ]);
  });

  it("asks for a team's check counts and a page of a check's exemptions in one request each", async () => {
    const { client, fetch } = setup({
      body: { items: [], total: 0, limit: 10, offset: 0 },
    });
    await client.listScorecardChecks(
      { namespace: 'default', name: 'sm' },
      {
        filters: { owner: 'group:default/payments' },
        order: 'failing',
        limit: 10,
      },
    );
    await client.listExemptionPage({
      definitionRef: 'scorecard:default/sm',
      checkId: 'a',
      limit: 10,
      offset: 20,
    });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/maturity/scorecards/default/sm/checks?owner=group%3Adefault%2Fpayments&order=failing&limit=10',
      'http://backend/api/maturity/exemptions?definitionRef=scorecard%3Adefault%2Fsm&checkId=a&limit=10&offset=20',
    ]);
  });

  it('posts JSON bodies for evaluation and exemption decisions', async () => {
    const { client, fetch } = setup({ body: {} });
    await client.evaluate('api:default/payments-api');
    await client.requestExemption({
      entityRef: 'api:default/payments-api',
      definitionRef: 'scorecard:default/api-maturity',
      checkId: 'definition-linted',
      reason: 'No linter for gRPC yet',
    });
    await client.approveExemption('ex 1', { comment: 'ok' });
    expect(fetch.mock.calls[0][0]).toBe('http://backend/api/maturity/evaluate');
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef: 'api:default/payments-api' }),
    });
    expect(JSON.parse(String(fetch.mock.calls[1][1]?.body))).toMatchObject({
      checkId: 'definition-linted',
    });
    expect(fetch.mock.calls[2][0]).toBe(
      'http://backend/api/maturity/exemptions/ex%201/approve',
    );
  });

  it('throws a ResponseError with the backend message', async () => {
    const { client } = setup({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'You cannot approve an exemption you requested yourself',
        },
        request: { method: 'POST', url: '/exemptions/1/approve' },
        response: { statusCode: 403 },
      },
    });
    const error = await client.approveExemption('1').catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe(
      'You cannot approve an exemption you requested yourself',
    );
  });
});
