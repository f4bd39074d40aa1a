import { ResponseError } from '@backstage/errors';
import { MaturityClient } from './MaturityClient';

function setup(status = 200, body: unknown = { items: [] }) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new MaturityClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

const poetry = { namespace: 'default', name: 'pip to poetry' };

describe('MaturityClient campaigns', () => {
  it('calls the campaign endpoints with encoded paths and query parameters', async () => {
    const { client, fetch } = setup();
    await client.listCampaigns();
    await client.listCampaigns({
      state: 'delayed',
      targetOwner: 'group:default/payments',
    });
    await client.getCampaign(poetry);
    await client.listCampaignTargets(poetry, {
      owner: 'payments',
      state: 'failing',
      limit: 50,
      offset: 100,
    });
    await client.getCampaignProgress(poetry, { days: 30 });
    await client.listCampaignOwners(poetry);
    await client.getEntityCampaigns('component:payments-api');
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/maturity/campaigns',
      'http://backend/api/maturity/campaigns?state=delayed&targetOwner=group%3Adefault%2Fpayments',
      'http://backend/api/maturity/campaigns/default/pip%20to%20poetry',
      'http://backend/api/maturity/campaigns/default/pip%20to%20poetry/targets?owner=payments&state=failing&limit=50&offset=100',
      'http://backend/api/maturity/campaigns/default/pip%20to%20poetry/progress?days=30',
      'http://backend/api/maturity/campaigns/default/pip%20to%20poetry/owners',
      'http://backend/api/maturity/entities/component/default/payments-api/campaigns',
    ]);
  });

  it('posts nudge and end with JSON bodies', async () => {
    const { client, fetch } = setup(200, {});
    await client.nudgeCampaign(poetry);
    await client.nudgeCampaign(poetry, { owner: 'payments' });
    await client.endCampaign(poetry, { reason: 'Superseded' });
    expect(
      fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.body]),
    ).toEqual([
      [
        'http://backend/api/maturity/campaigns/default/pip%20to%20poetry/nudge',
        'POST',
        '{}',
      ],
      [
        'http://backend/api/maturity/campaigns/default/pip%20to%20poetry/nudge',
        'POST',
        '{"owner":"payments"}',
      ],
      [
        'http://backend/api/maturity/campaigns/default/pip%20to%20poetry/end',
        'POST',
        '{"reason":"Superseded"}',
      ],
    ]);
  });

  it('throws the response error of a refused write', async () => {
    const { client } = setup(403, {
      error: { name: 'NotAllowedError', message: 'Not the campaign owner' },
      response: { statusCode: 403 },
    });
    const error = await client
      .endCampaign(poetry, { reason: 'x' })
      .catch((e: Error) => e);
    expect(ResponseError.is(error)).toBe(true);
    expect((error as ResponseError).statusCode).toBe(403);
    expect((error as ResponseError).cause.message).toBe(
      'Not the campaign owner',
    );
  });
});
