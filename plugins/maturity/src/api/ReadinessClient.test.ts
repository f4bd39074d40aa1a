import { ResponseError } from '@backstage/errors';
import { ReadinessClient } from './ReadinessClient';

function setup(
  response: { status?: number; body?: unknown; text?: string } = {},
) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(response.text ?? JSON.stringify(response.body ?? {}), {
        status: response.status ?? 200,
        headers: {
          'Content-Type': response.text ? 'text/csv' : 'application/json',
        },
      }),
  );
  const client = new ReadinessClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('ReadinessClient', () => {
  it('reads the record by the entity ref and answers undefined when no checklist applies (404)', async () => {
    const { client, fetch } = setup({
      status: 404,
      body: { error: { name: 'NotFoundError', message: 'none' } },
    });
    await expect(
      client.getRecord('component:default/a b'),
    ).resolves.toBeUndefined();
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/maturity/readiness/entities/component/default/a%20b',
    );
  });

  it('puts an answer as JSON to the item path', async () => {
    const { client, fetch } = setup({
      body: { entityRef: 'component:default/a' },
    });
    await client.answerItem('component:default/a', 'ha-plan', {
      answer: 'not-applicable',
      justification: 'Batch job',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/maturity/readiness/entities/component/default/a/items/ha-plan',
    );
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toEqual({
      answer: 'not-applicable',
      justification: 'Batch job',
    });
  });

  it('sends the queue filters and the review action', async () => {
    const { client, fetch } = setup({ body: { items: [] } });
    await client.listReviews({
      phase: 'green-light',
      area: 'testing',
      mine: true,
    });
    await client.actOnReview('r 1', { action: 'veto', reason: 'No HA' });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/maturity/readiness/reviews?phase=green-light&area=testing&mine=true',
    );
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/maturity/readiness/reviews/r%201/actions',
    );
  });

  it('hands back the CSV export as text', async () => {
    const { client, fetch } = setup({ text: 'id,at\n1,2026\n' });
    await expect(
      client.exportAudit('component:default/a', 'csv'),
    ).resolves.toBe('id,at\n1,2026\n');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/maturity/readiness/entities/component/default/a/audit/export?format=csv',
    );
  });

  it('turns an error answer into a ResponseError with the backend message', async () => {
    const { client } = setup({
      status: 400,
      body: {
        error: { name: 'InputError', message: 'justification is required' },
        response: { statusCode: 400 },
      },
    });
    const error = await client
      .answerItem('component:default/a', 'x', { answer: 'not-applicable' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('justification is required');
  });
});
