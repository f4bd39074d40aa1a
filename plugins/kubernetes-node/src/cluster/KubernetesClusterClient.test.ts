import { generateEstate, LoopbackCluster } from '@ratchet/kubernetes-loopback';
import type {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import {
  KubernetesClusterClient,
  KubernetesRequestError,
} from './KubernetesClusterClient';

describe('KubernetesClusterClient against a loopback API server', () => {
  let server: LoopbackCluster;
  let details: ClusterDetails;
  let credential: KubernetesCredential;

  beforeEach(async () => {
    server = await LoopbackCluster.start({
      name: 'a',
      tokens: 'secret',
      objects: generateEstate({
        clusters: ['a'],
        workloads: 57,
        namespaces: 4,
      }).get('a'),
    });
    details = {
      name: 'a',
      url: server.url,
      authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
      skipTLSVerify: true,
    };
    credential = { type: 'bearer token', token: 'secret' };
  });

  afterEach(() => server.stop());

  const client = (pageSize = 10, requestTimeoutMs = 500) =>
    KubernetesClusterClient.create(details, credential, {
      pageSize,
      requestTimeoutMs,
    });
  const names = (c: KubernetesClusterClient) =>
    c.list('deployments', {}, d => d.metadata?.name);

  it('lists every item through limit/continue pages with the bearer token', async () => {
    const all = await names(client());
    expect(all).toHaveLength(42); // 7 in 10 generated workloads are Deployments
    expect(new Set(all).size).toBe(42);
    const pages = server.requests.filter(
      r => r.path === '/apis/apps/v1/deployments',
    );
    expect(pages.map(r => r.query.limit)).toEqual([
      '10',
      '10',
      '10',
      '10',
      '10',
    ]);
    expect(pages[0].query.continue).toBeUndefined();
    expect(
      pages.slice(1).every(r => typeof r.query.continue === 'string'),
    ).toBe(true);
  });

  it('lists included namespaces one by one and excludes others with a field selector', async () => {
    const included = await client().list(
      'deployments',
      { namespaces: ['team-1', 'team-2'] },
      d => d.metadata?.namespace,
    );
    expect(new Set(included)).toEqual(new Set(['team-1', 'team-2']));
    expect(
      server.requests.some(
        r => r.path === '/apis/apps/v1/namespaces/team-1/deployments',
      ),
    ).toBe(true);

    server.clearRequests();
    const excluded = await client(100).list(
      'deployments',
      { excludeNamespaces: ['team-0', 'team-3'] },
      d => d.metadata?.namespace,
    );
    expect(new Set(excluded)).toEqual(new Set(['team-1', 'team-2']));
    expect(server.requests[0].query.fieldSelector).toBe(
      'metadata.namespace!=team-0,metadata.namespace!=team-3',
    );
  });

  it('sends label selectors to the server and projects items page by page', async () => {
    const workers = await client().list(
      'statefulsets',
      { labelSelector: 'app.kubernetes.io/component=worker' },
      s => ((s.spec?.replicas ?? 0) > 0 ? s.metadata?.name : undefined),
    );
    expect(workers.length).toBeGreaterThan(0);
    expect(server.requests[0].query.labelSelector).toBe(
      'app.kubernetes.io/component=worker',
    );
  });

  it('restarts a list once after 410 Gone and returns each item once', async () => {
    server.fail({ type: 'expired', times: 1 });
    const all = await names(client());
    expect(all).toHaveLength(42);
    expect(new Set(all).size).toBe(42);
    expect(server.requests.filter(r => r.status === 410)).toHaveLength(1);
  });

  it('fails with 410 when the restarted list expires again', async () => {
    server.fail({ type: 'expired' });
    await expect(names(client())).rejects.toThrow(
      'cluster a: listing deployments failed with HTTP 410 (Expired: The provided continue parameter is too old',
    );
  });

  it('explains HTTP failures with the Status message', async () => {
    credential = { type: 'bearer token', token: 'wrong' };
    const error = await names(client()).catch(e => e);
    expect(error).toBeInstanceOf(KubernetesRequestError);
    expect(error).toMatchObject({ status: 401, cluster: 'a' });
    expect(error.message).toBe(
      'cluster a: listing deployments failed with HTTP 401 (Unauthorized: the API server rejected the credential the auth provider gave)',
    );
  });

  it('times out requests that never answer', async () => {
    server.fail({ type: 'hang' });
    await expect(names(client(10, 200))).rejects.toThrow(
      'cluster a: listing deployments timed out after 200 ms',
    );
  });

  it('stops when the caller aborts', async () => {
    server.fail({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      client(10, 10_000).list('pods', { signal: controller.signal }, p => p),
    ).rejects.toThrow(/cluster a: listing pods failed: .*abort/i);
  });

  it('reports a cut connection as a failure, never as a short list', async () => {
    server.fail({ type: 'truncated' });
    await expect(names(client())).rejects.toThrow(
      /cluster a: listing deployments failed: /,
    );
  });
});
