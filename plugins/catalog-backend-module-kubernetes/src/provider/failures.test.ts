import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LoopbackCluster, LoopbackFailure } from '@ratchet/kubernetes-loopback';
import {
  configFor,
  EXAMPLES,
  RecordingConnection,
  RecordingLogger,
  RecordingTaskRunner,
  startClusters,
} from '../__testUtils__/testUtils';
import { KubernetesEntityProvider } from './KubernetesEntityProvider';

// eu-west holds 26 services, 16 of them only there; us-east 29, 19 only there; 45 in all.
describe('KubernetesEntityProvider when clusters fail', () => {
  let clusters: LoopbackCluster[];
  let euWest: LoopbackCluster;

  beforeEach(async () => {
    clusters = await startClusters({
      'eu-west': path.join(EXAMPLES, 'cluster-eu-west.yaml'),
      'us-east': path.join(EXAMPLES, 'cluster-us-east.yaml'),
    });
    euWest = clusters[0];
  });

  afterEach(async () => {
    await Promise.all(clusters.map(c => c.stop()));
  });

  async function create(catalog: CatalogService = catalogServiceMock()) {
    const logger = new RecordingLogger();
    const [provider] = KubernetesEntityProvider.fromConfig(
      configFor(clusters, {
        pageSize: 5,
        requestTimeout: { milliseconds: 300 },
      }),
      {
        logger,
        schedule: new RecordingTaskRunner(),
        catalog,
        auth: mockServices.auth(),
      },
    );
    const connection = new RecordingConnection();
    await provider.connect(connection);
    return { provider, connection, logger };
  }

  const failures: Array<[string, LoopbackFailure]> = [
    ['401 Unauthorized', { type: 'status', status: 401 }],
    ['403 Forbidden', { type: 'status', status: 403 }],
    ['500 Internal Server Error', { type: 'status', status: 500 }],
    ['503 Service Unavailable', { type: 'status', status: 503 }],
    ['a request that never answers (timeout)', { type: 'hang' }],
    ['a failure after the first page', { type: 'partial', afterPages: 1 }],
    [
      'a body cut in the middle',
      { type: 'truncated', resource: 'deployments' },
    ],
    ['410 Gone on every continue token', { type: 'expired' }],
    [
      'a failure on one kind only (statefulsets)',
      { type: 'status', status: 500, resource: 'statefulsets' },
    ],
  ];

  it.each(failures)(
    'keeps the last good entities of a cluster failing with %s',
    async (_, failure) => {
      const { provider, connection, logger } = await create();
      await provider.refresh();
      const before = connection.entities();
      expect(before.size).toBe(45);

      euWest.fail(failure);
      const report = await provider.refresh();
      const after = connection.entities();
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      expect(after.get('payouts-service')).toEqual(
        before.get('payouts-service'),
      );
      expect(report.counts).toMatchObject({
        entities: 45,
        removed: 0,
        kept: 16,
      });
      const eu = report.clusters.find(c => c.cluster === 'eu-west')!;
      expect(eu).toMatchObject({
        status: 'failed',
        fallback: 'cache',
        workloads: 26,
      });
      expect(eu.error).toMatch(/^cluster eu-west: listing \w+ /);
      // Reported once for this sync, not once per failed request or page.
      expect(
        logger.lines.filter(
          l => l.level === 'warn' && l.message.includes('eu-west'),
        ),
      ).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            /^Cluster eu-west failed; kept its last good entities \(from the cache\)/,
          ),
        }),
      ]);

      // and recovers once the cluster answers again
      euWest.heal();
      euWest.store.remove({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'payments',
        name: 'payouts-service',
      });
      await provider.refresh();
      expect(connection.entities().has('payouts-service')).toBe(false);
      expect(connection.entities().size).toBe(44);
    },
  );

  it('reports a configured cluster that no locator returns as a failed cluster of the sync, keeping the others', async () => {
    const logger = new RecordingLogger();
    const [provider] = KubernetesEntityProvider.fromConfig(
      configFor(clusters, { clusters: ['eu-west', 'us-east', 'ap-south'] }),
      {
        logger,
        schedule: new RecordingTaskRunner(),
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
      },
    );
    const connection = new RecordingConnection();
    await provider.connect(connection);
    const report = await provider.refresh();
    expect(connection.entities().size).toBe(45);
    expect(report.clusters.map(c => [c.cluster, c.status])).toEqual([
      ['eu-west', 'ok'],
      ['us-east', 'ok'],
      ['ap-south', 'failed'],
    ]);
    expect(report.clusters[2]).toMatchObject({
      fallback: 'none',
      error:
        "catalog.providers.kubernetes.test.clusters[2]: unknown cluster 'ap-south'; kubernetes.clusterLocatorMethods gives: eu-west, us-east",
    });
    expect(
      logger.lines.filter(l => l.message.startsWith('Cluster ap-south failed')),
    ).toHaveLength(1);
  });

  it('names the missing permission when the token may not list a kind', async () => {
    const { provider } = await create();
    euWest.fail({ type: 'status', status: 403, resource: 'cronjobs' });
    const report = await provider.refresh();
    expect(report.clusters[0].error).toBe(
      'cluster eu-west: listing cronjobs failed with HTTP 403 (Forbidden: injected failure 403)',
    );
  });

  it('rejects a wrong token with 401 from the server', async () => {
    await euWest.stop();
    const strict = await LoopbackCluster.start({
      name: 'eu-west',
      tokens: 'another-token',
    });
    clusters[0] = strict;
    const { provider } = await create();
    const report = await provider.refresh();
    expect(report.clusters[0]).toMatchObject({
      status: 'failed',
      fallback: 'none',
    });
    expect(report.clusters[0].error).toContain('HTTP 401');
  });

  it('restarts a list whose continue token expired once, and misses nothing', async () => {
    const { provider, connection } = await create();
    euWest.fail({ type: 'expired', times: 1 });
    const report = await provider.refresh();
    expect(report.clusters[0].status).toBe('ok');
    expect(connection.entities().size).toBe(45);
    const gone = euWest.requests.filter(r => r.status === 410);
    expect(gone).toHaveLength(1);
  });

  it('keeps nothing of a cluster that fails before its first good read when the catalog has nothing of it', async () => {
    euWest.fail({ type: 'status', status: 503 });
    const { provider, connection } = await create();
    const report = await provider.refresh();
    expect(report.clusters[0]).toMatchObject({
      status: 'failed',
      fallback: 'none',
    });
    expect(connection.entities().size).toBe(29);
  });

  it('after a restart, keeps the entities the catalog holds from a cluster that fails', async () => {
    const before = await create();
    await before.provider.refresh();
    const inCatalog: Entity[] = [...before.connection.entities().values()].map(
      e => ({
        ...e,
        metadata: { ...e.metadata, uid: 'x', etag: 'y' },
        relations: [],
      }),
    );

    euWest.fail({ type: 'hang' });
    const restarted = await create(catalogServiceMock({ entities: inCatalog }));
    const report = await restarted.provider.refresh();
    const after = restarted.connection.entities();
    expect(after.size).toBe(45);
    expect(after.get('payouts-service')).toEqual(
      before.connection.entities().get('payouts-service'),
    );
    expect(report.clusters[0]).toMatchObject({
      status: 'failed',
      fallback: 'catalog',
    });
    expect(report.counts.kept).toBe(16);
  });

  it('applies nothing when the catalog cannot be read on the first sync, then falls back to the last check', async () => {
    let failing = true;
    const real = catalogServiceMock();
    const flaky: CatalogService = {
      ...real,
      streamEntities: (request, options) => {
        if (failing) throw new Error('catalog unavailable');
        return real.streamEntities(request, options);
      },
    };
    const { provider, connection, logger } = await create(flaky);
    await expect(provider.refresh()).rejects.toThrow(
      'cannot read the catalog for the coexistence check: Error: catalog unavailable',
    );
    expect(connection.mutations).toHaveLength(0);

    failing = false;
    await provider.refresh();
    failing = true;
    await provider.refresh();
    expect(connection.mutations).toHaveLength(2);
    expect(
      logger.lines.some(l =>
        l.message.startsWith(
          'Catalog unavailable, using the previous coexistence check',
        ),
      ),
    ).toBe(true);
  });

  it('logs a failed refresh from the scheduled task instead of throwing', async () => {
    const logger = new RecordingLogger();
    const runner = new RecordingTaskRunner();
    const [provider] = KubernetesEntityProvider.fromConfig(
      configFor(clusters),
      {
        logger,
        schedule: runner,
      },
    );
    await provider.connect(new RecordingConnection());
    euWest.fail({ type: 'status', status: 500 });
    await runner.tasks[0].fn(new AbortController().signal);
    expect(
      logger.lines.some(
        l =>
          l.level === 'error' &&
          l.message.includes('failed before a first good read'),
      ),
    ).toBe(true);
  });
});
