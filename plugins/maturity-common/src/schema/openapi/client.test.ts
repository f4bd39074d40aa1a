import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultApiClient } from './generated';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

// A real HTTP server on loopback that records the request and answers with a fixed JSON body.
async function withServer(
  run: (baseUrl: string, seen: Seen) => Promise<void>,
  answer: { status: number; body: unknown } = { status: 200, body: {} },
) {
  const seen: Seen = { body: '' };
  const server = http.createServer((req, res) => {
    seen.method = req.method;
    seen.url = req.url;
    seen.authorization = req.headers.authorization;
    seen.contentType = req.headers['content-type'];
    req.on('data', chunk => {
      seen.body += chunk;
    });
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}/api/maturity`, seen);
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

function client(baseUrl: string) {
  const asked: string[] = [];
  const api = new DefaultApiClient({
    discoveryApi: {
      getBaseUrl: async pluginId => {
        asked.push(pluginId);
        return baseUrl;
      },
    },
  });
  return { api, asked };
}

describe('the generated DefaultApiClient', () => {
  it('fills the path, encodes its parameters and repeats nothing undefined in the query', async () => {
    await withServer(async (baseUrl, seen) => {
      const { api, asked } = client(baseUrl);
      const res = await api.listScorecardChecks({
        path: { namespace: 'default', name: 'service maturity' },
        query: { owner: 'group:default/a&b', limit: 10, kind: undefined },
      });
      expect(res.status).toBe(200);
      expect(asked).toEqual(['maturity']);
      expect(seen.method).toBe('GET');
      expect(seen.url).toBe(
        '/api/maturity/scorecards/default/service%20maturity/checks?owner=group%3Adefault%2Fa%26b&limit=10',
      );
      expect(seen.contentType).toBeUndefined();
    });
  });

  it('sends the body as JSON and the token as a bearer, and types the answer', async () => {
    const exemption = { id: 'e1', status: 'requested' };
    await withServer(
      async (baseUrl, seen) => {
        const { api } = client(baseUrl);
        const res = await api.requestExemption(
          {
            body: {
              entityRef: 'component:default/a',
              definitionRef: 'scorecard:default/sm',
              checkId: 'has-owner',
              reason: 'Migrating',
            },
          },
          { token: 't0ken' },
        );
        expect(res.status).toBe(201);
        expect((await res.json()).id).toBe('e1');
        expect(seen.method).toBe('POST');
        expect(seen.url).toBe('/api/maturity/exemptions');
        expect(seen.authorization).toBe('Bearer t0ken');
        expect(seen.contentType).toBe('application/json');
        expect(JSON.parse(seen.body)).toEqual({
          entityRef: 'component:default/a',
          definitionRef: 'scorecard:default/sm',
          checkId: 'has-owner',
          reason: 'Migrating',
        });
      },
      { status: 201, body: exemption },
    );
  });

  it('hands error responses to the caller unchanged', async () => {
    const error = {
      error: { name: 'NotFoundError', message: 'No scorecard x' },
      request: { method: 'GET', url: '/scorecards/default/x' },
      response: { statusCode: 404 },
    };
    await withServer(
      async baseUrl => {
        const { api } = client(baseUrl);
        const res = await api.getScorecard({
          path: { namespace: 'default', name: 'x' },
        });
        expect(res.ok).toBe(false);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual(error);
      },
      { status: 404, body: error },
    );
  });
});
