import { LoopbackCluster } from './LoopbackCluster';
import { generateEstate } from './generate';
import { loadManifests } from './manifests';

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, labels: { app: web, tier: frontend } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop, labels: { app: api, tier: backend } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: legacy, labels: { app: legacy } }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w1, namespace: shop }
`;

describe('LoopbackCluster', () => {
  let cluster: LoopbackCluster;

  beforeEach(async () => {
    cluster = await LoopbackCluster.start({
      name: 'test',
      tokens: 'secret',
      objects: loadManifests(MANIFESTS),
    });
  });

  afterEach(() => cluster.stop());

  async function get(path: string, token = 'secret') {
    const res = await fetch(`${cluster.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  }
  const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
    body.items.map(i => i.metadata.name);

  it('serves lists and objects through the real REST paths', async () => {
    expect((await get('/version')).body.gitVersion).toBe('v1.31.0-loopback');
    const all = await get('/apis/apps/v1/deployments');
    expect(all.body.kind).toBe('DeploymentList');
    expect(all.body.apiVersion).toBe('apps/v1');
    expect(names(all.body)).toEqual(['legacy', 'api', 'web']); // default namespace sorts before shop
    expect(
      names((await get('/apis/apps/v1/namespaces/shop/deployments')).body),
    ).toEqual(['api', 'web']);
    expect(
      (await get('/apis/apps/v1/namespaces/shop/deployments/web')).body.metadata
        .labels.app,
    ).toBe('web');
    expect(names((await get('/api/v1/namespaces')).body).sort()).toEqual([
      'default',
      'shop',
    ]);
    expect(
      (await get('/api/v1/namespaces/shop')).body.metadata.labels.team,
    ).toBe('shop');
    expect(names((await get('/apis/example.com/v1/widgets')).body)).toEqual([
      'w1',
    ]);
  });

  it('answers empty lists for known kinds and 404 for unknown resources and objects', async () => {
    expect((await get('/api/v1/pods')).body.items).toEqual([]);
    expect((await get('/apis/batch/v1/cronjobs')).body.items).toEqual([]);
    expect(
      (await get('/apis/autoscaling/v2/horizontalpodautoscalers')).status,
    ).toBe(200);
    expect((await get('/apis/policy/v1/poddisruptionbudgets')).status).toBe(
      200,
    );
    expect((await get('/apis/apps/v1/gadgets')).status).toBe(404);
    const missing = await get('/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(missing).toMatchObject({
      status: 404,
      body: { kind: 'Status', reason: 'NotFound' },
    });
  });

  it.each<[string, string[]]>([
    ['tier=frontend', ['web']],
    ['tier==frontend', ['web']],
    ['tier!=frontend', ['legacy', 'api']],
    ['tier in (frontend,backend)', ['api', 'web']],
    ['tier notin (backend)', ['legacy', 'web']],
    ['tier', ['api', 'web']],
    ['!tier', ['legacy']],
    ['app=web,tier=frontend', ['web']],
  ])('filters by label selector %s', async (selector, expected) => {
    const { body } = await get(
      `/apis/apps/v1/deployments?labelSelector=${encodeURIComponent(selector)}`,
    );
    expect(names(body)).toEqual(expected);
  });

  it('filters by metadata.namespace and metadata.name field selectors, and rejects other fields', async () => {
    expect(
      names(
        (
          await get(
            '/apis/apps/v1/deployments?fieldSelector=metadata.namespace%3Dshop',
          )
        ).body,
      ),
    ).toEqual(['api', 'web']);
    expect(
      names(
        (
          await get(
            '/apis/apps/v1/deployments?fieldSelector=metadata.namespace!%3Dshop',
          )
        ).body,
      ),
    ).toEqual(['legacy']);
    expect(
      names(
        (
          await get(
            '/apis/apps/v1/deployments?fieldSelector=metadata.name%3Dapi',
          )
        ).body,
      ),
    ).toEqual(['api']);
    const bad = await get(
      '/apis/apps/v1/deployments?fieldSelector=spec.replicas%3D1',
    );
    expect(bad).toMatchObject({
      status: 400,
      body: {
        reason: 'BadRequest',
        message: 'field label not supported: spec.replicas',
      },
    });
    expect(
      (await get('/apis/apps/v1/deployments?labelSelector=%3D%3D')).status,
    ).toBe(400);
  });

  it('pages with limit and opaque continue tokens over a consistent snapshot', async () => {
    const first = await get('/apis/apps/v1/deployments?limit=2');
    expect(names(first.body)).toEqual(['legacy', 'api']);
    expect(first.body.metadata.remainingItemCount).toBe(1);
    // objects added after the first page do not show up in the continued list
    cluster.store.put([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'zzz', namespace: 'shop' },
      },
    ]);
    const token = encodeURIComponent(first.body.metadata.continue);
    const second = await get(
      `/apis/apps/v1/deployments?limit=2&continue=${token}`,
    );
    expect(names(second.body)).toEqual(['web']);
    expect(second.body.metadata.continue).toBeUndefined();
    // a token used with other parameters is rejected
    expect(
      (
        await get(
          `/apis/apps/v1/deployments?limit=2&continue=${token}&labelSelector=app`,
        )
      ).status,
    ).toBe(400);
  });

  it('answers 410 Gone for expired continue tokens', async () => {
    const first = await get('/apis/apps/v1/deployments?limit=1');
    cluster.expireContinueTokens();
    const gone = await get(
      `/apis/apps/v1/deployments?limit=1&continue=${encodeURIComponent(
        first.body.metadata.continue,
      )}`,
    );
    expect(gone).toMatchObject({
      status: 410,
      body: { kind: 'Status', reason: 'Expired', code: 410 },
    });
    expect(
      (await get('/apis/apps/v1/deployments?limit=1&continue=made-up')).status,
    ).toBe(410);
  });

  it('expires continue tokens after their TTL', async () => {
    const short = await LoopbackCluster.start({
      name: 'ttl',
      continueTtlMs: 1,
      objects: loadManifests(MANIFESTS),
    });
    const first = await (
      await fetch(`${short.url}/apis/apps/v1/deployments?limit=1`)
    ).json();
    await new Promise(r => setTimeout(r, 10));
    const res = await fetch(
      `${
        short.url
      }/apis/apps/v1/deployments?limit=1&continue=${encodeURIComponent(
        first.metadata.continue,
      )}`,
    );
    expect(res.status).toBe(410);
    await short.stop();
  });

  it('checks bearer tokens and forbidden resources', async () => {
    expect((await get('/apis/apps/v1/deployments', 'wrong')).status).toBe(401);
    const rbac = await LoopbackCluster.start({
      name: 'rbac',
      tokens: 't',
      forbiddenResources: ['statefulsets'],
    });
    const res = await fetch(`${rbac.url}/apis/apps/v1/statefulsets`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(
      /cannot list resource "statefulsets"/,
    );
    await rbac.stop();
  });

  it('injects status failures, per resource and a number of times', async () => {
    cluster.fail({
      type: 'status',
      status: 503,
      resource: 'deployments',
      times: 2,
    });
    expect((await get('/api/v1/namespaces')).status).toBe(200);
    expect((await get('/apis/apps/v1/deployments')).status).toBe(503);
    expect((await get('/apis/apps/v1/deployments')).status).toBe(503);
    expect((await get('/apis/apps/v1/deployments')).status).toBe(200);
    cluster.fail({ type: 'status', status: 401 });
    expect((await get('/api/v1/namespaces')).status).toBe(401);
    cluster.heal();
    expect((await get('/api/v1/namespaces')).status).toBe(200);
  });

  it('fails a list after a number of pages', async () => {
    cluster.fail({ type: 'partial', afterPages: 1 });
    const first = await get('/apis/apps/v1/deployments?limit=1');
    expect(first.status).toBe(200);
    const next = await get(
      `/apis/apps/v1/deployments?limit=1&continue=${encodeURIComponent(
        first.body.metadata.continue,
      )}`,
    );
    expect(next.status).toBe(500);
  });

  it('cuts a body in the middle and hangs requests until stopped', async () => {
    cluster.fail({ type: 'truncated', times: 1 });
    await expect(get('/apis/apps/v1/deployments')).rejects.toThrow();
    cluster.fail({ type: 'hang' });
    const controller = new AbortController();
    const hung = fetch(`${cluster.url}/api/v1/pods`, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(hung).rejects.toThrow(/abort/i);
  });

  it('logs requests with their status', async () => {
    cluster.clearRequests();
    await get('/apis/apps/v1/deployments?limit=5&labelSelector=app');
    expect(cluster.requests).toEqual([
      {
        method: 'GET',
        path: '/apis/apps/v1/deployments',
        query: { limit: '5', labelSelector: 'app' },
        status: 200,
      },
    ]);
    expect(cluster.requestCount).toBeGreaterThan(0);
  });

  it('serves a generated estate of thousands of workloads', async () => {
    const estate = generateEstate({
      clusters: ['a', 'b', 'c'],
      workloads: 3000,
    });
    expect(
      [...estate.values()].reduce(
        (n, objects) => n + objects.filter(o => o.kind !== 'Namespace').length,
        0,
      ),
    ).toBe(3000);
    const big = await LoopbackCluster.start({
      name: 'a',
      objects: estate.get('a'),
    });
    let count = 0;
    let token: string | undefined;
    do {
      const res = await fetch(
        `${big.url}/apis/apps/v1/deployments?limit=250${
          token ? `&continue=${encodeURIComponent(token)}` : ''
        }`,
      );
      const body = await res.json();
      count += body.items.length;
      token = body.metadata.continue;
    } while (token);
    expect(count).toBe(
      big.store.list(big.store.registry.forObject('apps/v1', 'Deployment'))
        .length,
    );
    await big.stop();
  });

  it('refuses a port that is taken with an error naming it, instead of sharing it', async () => {
    const first = await LoopbackCluster.start({ name: 'first' });
    const port = Number(new URL(first.url).port);
    try {
      await expect(
        LoopbackCluster.start({ name: 'second', port }),
      ).rejects.toThrow(
        `Loopback cluster second cannot listen on 127.0.0.1:${port}: the port is already in use`,
      );
    } finally {
      await first.stop();
    }
  });
});
