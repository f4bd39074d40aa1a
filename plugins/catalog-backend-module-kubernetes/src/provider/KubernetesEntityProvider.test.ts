import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { KubeObject, LoopbackCluster } from '@ratchet/kubernetes-loopback';
import {
  configFor,
  EXAMPLES,
  RecordingConnection,
  RecordingLogger,
  RecordingTaskRunner,
  startClusters,
} from '../__testUtils__/testUtils';
import { KubernetesEntityProvider } from './KubernetesEntityProvider';

describe('KubernetesEntityProvider over the demo clusters', () => {
  let clusters: LoopbackCluster[];
  let euWest: LoopbackCluster;
  let usEast: LoopbackCluster;

  beforeEach(async () => {
    clusters = await startClusters({
      'eu-west': path.join(EXAMPLES, 'cluster-eu-west.yaml'),
      'us-east': path.join(EXAMPLES, 'cluster-us-east.yaml'),
    });
    [euWest, usEast] = clusters;
  });

  afterEach(async () => {
    await Promise.all(clusters.map(c => c.stop()));
  });

  async function create(
    provider: JsonObject = {},
    catalogEntities: Entity[] = [],
  ) {
    const logger = new RecordingLogger();
    const runner = new RecordingTaskRunner();
    const [instance] = KubernetesEntityProvider.fromConfig(
      configFor(clusters, { pageSize: 5, ...provider }),
      {
        logger,
        schedule: runner,
        catalog: catalogServiceMock({ entities: catalogEntities }),
        auth: mockServices.auth(),
      },
    );
    const connection = new RecordingConnection();
    await instance.connect(connection);
    return { provider: instance, connection, logger, runner };
  }

  function workload(
    cluster: LoopbackCluster,
    namespace: string,
    name: string,
  ): KubeObject {
    const found = cluster.store
      .list(cluster.store.registry.forObject('apps/v1', 'Deployment'))
      .find(
        o => o.metadata.name === name && o.metadata.namespace === namespace,
      );
    if (!found) throw new Error(`no deployment ${namespace}/${name}`);
    return found;
  }

  it('is named after its config id and schedules its refresh on connect', async () => {
    const { provider, connection, runner } = await create();
    expect(provider.getProviderName()).toBe('kubernetes:test');
    expect(runner.tasks.map(t => t.id)).toEqual(['kubernetes:test:refresh']);
    await runner.tasks[0].fn(new AbortController().signal);
    expect(connection.mutations).toHaveLength(1);
    expect(connection.mutations[0].type).toBe('full');
  });

  it('maps the sample estate to 45 Components, one per service across both clusters', async () => {
    const { provider, connection, logger } = await create();
    const report = await provider.refresh();
    const entities = connection.entities();
    expect(entities.size).toBe(45);
    expect(report.counts).toMatchObject({
      entities: 45,
      added: 45,
      removed: 0,
      kept: 0,
      optedOut: 1,
    });
    const mutation = connection.mutations[0];
    expect(
      mutation.type === 'full' &&
        mutation.entities.every(e => e.locationKey === 'kubernetes:test'),
    ).toBe(true);
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: expect.stringMatching(
        /^Synced 45 entities from 2\/2 clusters in \d+ ms: 45 added, 0 updated, 0 removed, 0 kept; 4 unowned, 0 name clashes, 1 opted out$/,
      ),
    });

    const gateway = entities.get('payment-gateway')!;
    expect(gateway.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'payments',
    });
    const location = `url:${euWest.url}/apis/apps/v1/namespaces/payments/deployments/payment-gateway`;
    expect(gateway.metadata.annotations).toEqual({
      'backstage.io/kubernetes-id': 'payment-gateway',
      'backstage.io/kubernetes-namespace': 'payments',
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
      'ratchet.dev/kubernetes-clusters': 'eu-west,us-east',
      'ratchet.dev/kubernetes-namespaces': 'payments',
      'ratchet.dev/kubernetes-provider': 'kubernetes:test',
    });
  });

  it('dedupes the ten services that run in both clusters and keeps the rest per cluster', async () => {
    const { provider, connection } = await create();
    await provider.refresh();
    const both = [...connection.entities().values()]
      .filter(
        e =>
          e.metadata.annotations?.['ratchet.dev/kubernetes-clusters'] ===
          'eu-west,us-east',
      )
      .map(e => e.metadata.name)
      .sort();
    expect(both).toEqual([
      'account-service',
      'api-gateway',
      'auth-gateway',
      'card-tokenizer',
      'identity-service',
      'ingress-nginx',
      'log-shipper',
      'notification-service',
      'otel-collector',
      'payment-gateway',
    ]);
    const clustersOf = (name: string) =>
      connection.entities().get(name)?.metadata.annotations?.[
        'ratchet.dev/kubernetes-clusters'
      ];
    expect(clustersOf('payouts-service')).toBe('eu-west');
    expect(clustersOf('refund-worker')).toBe('us-east');
  });

  it('takes owners from override annotations, workload labels and namespace labels', async () => {
    const { provider, connection } = await create();
    const report = await provider.refresh();
    const owner = (name: string) =>
      connection.entities().get(name)?.spec?.owner;
    expect(owner('fx-rates')).toBe('group:default/payments'); // namespace label only
    expect(owner('balance-query')).toBe('group:default/ledger'); // namespace label only
    expect(owner('session-manager')).toBe('group:default/identity'); // ratchet.dev/owner annotation
    expect(owner('email-renderer')).toBe('group:default/growth'); // ratchet.dev/owner annotation
    expect(owner('legacy-core-banking-adapter')).toBe('group:default/ledger'); // workload label
    expect(owner('document-ocr')).toBe('group:default/identity');
    expect(owner('otel-collector')).toBe('group:default/platform'); // namespace label only
    expect(owner('flagd')).toBe('group:default/platform'); // ratchet.dev/owner annotation
    const preview = report.entities.find(
      e => e.entityRef === 'component:default/fx-rates',
    );
    expect(preview?.ownerSource).toBe('namespaceLabel:ratchet.dev/team');
  });

  it('ingests unowned workloads with a marker and lists them for triage ("suggest")', async () => {
    const { provider, connection } = await create();
    const report = await provider.refresh();
    expect(report.unowned.map(u => [u.entityRef, u.emitted]).sort()).toEqual([
      ['component:default/dbt-runner', true],
      ['component:default/kafka-lag-exporter', true],
      ['component:default/old-signup-flow', true],
      ['component:default/pgbouncer', true],
    ]);
    const dbt = connection.entities().get('dbt-runner')!;
    expect(dbt.spec?.owner).toBe('group:default/unassigned');
    expect(dbt.metadata.annotations?.['ratchet.dev/needs-owner']).toBe('true');
  });

  it('leaves unowned workloads out in "skip" mode but still lists them', async () => {
    const { provider, connection } = await create({
      unowned: { action: 'skip', owner: 'group:default/triage' },
    });
    const report = await provider.refresh();
    expect(connection.entities().has('dbt-runner')).toBe(false);
    expect(connection.entities().size).toBe(41);
    expect(
      report.unowned.map(u => [u.entityRef, u.owner, u.emitted]),
    ).toContainEqual([
      'component:default/dbt-runner',
      'group:default/triage',
      false,
    ]);
  });

  it('maps descriptions, systems and kinds from override annotations and recommended labels', async () => {
    const { provider, connection } = await create();
    await provider.refresh();
    const entities = connection.entities();
    expect(entities.get('fx-rates')?.metadata.description).toMatch(
      /^FX rate publisher/,
    );
    expect(entities.get('kyc-verifier')?.metadata.description).toMatch(
      /^KYC worker/,
    );
    // a namespace's description is not a service's description
    expect(
      entities.get('session-manager')?.metadata.description,
    ).toBeUndefined();
    expect(entities.get('session-manager')?.spec?.system).toBe('onboarding');
    expect(
      entities.get('ledger-store')?.metadata.annotations?.[
        'backstage.io/managed-by-location'
      ],
    ).toContain('/apis/apps/v1/namespaces/ledger/statefulsets/ledger-store');
    expect(
      entities.get('ledger-reconciler')?.metadata.annotations?.[
        'backstage.io/managed-by-location'
      ],
    ).toContain('/apis/batch/v1/namespaces/ledger/cronjobs/ledger-reconciler');
  });

  it('never lists an opted-out workload, not even in the report', async () => {
    const { provider, connection } = await create();
    const report = await provider.refresh();
    expect(connection.entities().has('k6-load-runner')).toBe(false);
    expect(JSON.stringify(report)).not.toContain('k6-load-runner');
    expect(report.counts.optedOut).toBe(1);
  });

  it('skips every workload of a namespace that opts out', async () => {
    const namespaceType = usEast.store.registry.forObject('v1', 'Namespace');
    const apps = usEast.store.get(namespaceType, 'apps')!;
    usEast.store.put([
      {
        ...apps,
        metadata: {
          ...apps.metadata,
          annotations: { 'ratchet.dev/ignore': 'true' },
        },
      },
    ]);
    const { provider, connection } = await create();
    const report = await provider.refresh();
    for (const name of [
      'session-manager',
      'email-renderer',
      'dbt-runner',
      'feature-flags',
      'flagd',
      'pgbouncer',
    ]) {
      expect(connection.entities().has(name)).toBe(false);
    }
    expect(report.counts.optedOut).toBe(7);
  });

  it('applies configured mapping rules instead of the defaults', async () => {
    const { provider, connection } = await create({
      mapping: {
        owner: ['label:app.kubernetes.io/part-of'],
        tags: ['label:app.kubernetes.io/component', 'value:kubernetes'],
        title: ['workload:name'],
        lifecycle: ['value:experimental'],
      },
    });
    await provider.refresh();
    const gateway = connection.entities().get('payment-gateway')!;
    expect(gateway.spec?.owner).toBe('group:default/payments');
    expect(gateway.spec?.lifecycle).toBe('experimental');
    expect(gateway.metadata.tags).toEqual(['api', 'kubernetes']);
    expect(gateway.metadata.title).toBe('payment-gateway');
  });

  it('reports disagreeing workloads of one service and keeps the first cluster’s value', async () => {
    const copy = workload(usEast, 'payments', 'payment-gateway');
    usEast.store.put([
      {
        ...copy,
        metadata: {
          ...copy.metadata,
          annotations: { 'ratchet.dev/owner': 'group:default/platform' },
        },
      },
    ]);
    const { provider, connection } = await create();
    const report = await provider.refresh();
    expect(connection.entities().get('payment-gateway')?.spec?.owner).toBe(
      'group:default/payments',
    );
    expect(
      report.entities.find(
        e => e.entityRef === 'component:default/payment-gateway',
      )?.warnings,
    ).toEqual([
      'workloads disagree on owner: group:default/payments, group:default/platform; using group:default/payments',
    ]);
  });

  it('filters by kind, namespace and label selector, on the server', async () => {
    const byKind = await create({ kinds: ['Deployment'] });
    await byKind.provider.refresh();
    expect(byKind.connection.entities().has('ledger-store')).toBe(false);
    expect(byKind.connection.entities().has('log-shipper')).toBe(false);
    expect(byKind.connection.entities().has('payment-gateway')).toBe(true);

    euWest.clearRequests();
    const byNamespace = await create({ namespaces: { include: ['payments'] } });
    await byNamespace.provider.refresh();
    expect(
      [...byNamespace.connection.entities().values()].every(
        e =>
          e.metadata.annotations?.['ratchet.dev/kubernetes-namespaces'] ===
          'payments',
      ),
    ).toBe(true);
    expect(
      euWest.requests.some(
        r => r.path === '/apis/apps/v1/namespaces/payments/deployments',
      ),
    ).toBe(true);

    euWest.clearRequests();
    const excluded = await create({ namespaces: { exclude: ['default'] } });
    await excluded.provider.refresh();
    expect(excluded.connection.entities().has('old-signup-flow')).toBe(false);
    expect(
      excluded.connection.entities().has('legacy-core-banking-adapter'),
    ).toBe(false);
    expect(
      euWest.requests.find(r => r.path === '/apis/apps/v1/deployments')?.query
        .fieldSelector,
    ).toBe('metadata.namespace!=default');

    euWest.clearRequests();
    const workers = await create({
      labelSelector: 'app.kubernetes.io/component in (worker)',
    });
    await workers.provider.refresh();
    expect(workers.connection.entities().has('payment-gateway')).toBe(false);
    expect(workers.connection.entities().size).toBeGreaterThan(0);
    expect(
      euWest.requests.find(r => r.path === '/apis/apps/v1/deployments')?.query
        .labelSelector,
    ).toBe('app.kubernetes.io/component in (worker)');
  });

  it('pages through every list with limit and continue', async () => {
    const { provider } = await create({ pageSize: 4 });
    await provider.refresh();
    const deploymentPages = euWest.requests.filter(
      r => r.path === '/apis/apps/v1/deployments',
    );
    expect(deploymentPages.length).toBe(Math.ceil(21 / 4));
    expect(deploymentPages.every(r => r.query.limit === '4')).toBe(true);
    expect(deploymentPages.slice(1).every(r => r.query.continue)).toBe(true);
  });

  it('removes the entity of a deleted workload on the next sync, and drops only that cluster from shared ones', async () => {
    const { provider, connection } = await create();
    await provider.refresh();
    euWest.store.remove({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'payments',
      name: 'payouts-service',
    });
    euWest.store.remove({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'payments',
      name: 'payment-gateway',
    });
    const report = await provider.refresh();
    expect(connection.entities().has('payouts-service')).toBe(false);
    expect(
      connection.entities().get('payment-gateway')?.metadata.annotations?.[
        'ratchet.dev/kubernetes-clusters'
      ],
    ).toBe('us-east');
    expect(report.counts).toMatchObject({
      entities: 44,
      removed: 1,
      updated: 1,
      added: 0,
    });
  });

  it('previews without applying', async () => {
    const { provider, connection } = await create();
    const report = await provider.preview();
    expect(report.dryRun).toBe(true);
    expect(report.entities).toHaveLength(45);
    expect(connection.mutations).toHaveLength(0);
  });
});
