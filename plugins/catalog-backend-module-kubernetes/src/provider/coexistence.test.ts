import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { LoopbackCluster } from '@ratchet/kubernetes-loopback';
import { parseAllDocuments } from 'yaml';
import {
  configFor,
  EXAMPLES,
  RecordingConnection,
  RecordingLogger,
  RecordingTaskRunner,
  REPO_ROOT,
  startClusters,
} from '../__testUtils__/testUtils';
import { KubernetesEntityProvider } from './KubernetesEntityProvider';

describe('KubernetesEntityProvider next to catalog-info.yaml', () => {
  let clusters: LoopbackCluster[];

  beforeEach(async () => {
    clusters = await startClusters({
      'eu-west': path.join(EXAMPLES, 'cluster-eu-west.yaml'),
      'us-east': path.join(EXAMPLES, 'cluster-us-east.yaml'),
    });
  });

  afterEach(async () => {
    await Promise.all(clusters.map(c => c.stop()));
  });

  async function create(
    provider: JsonObject = {},
    catalogEntities: Entity[] = [],
  ) {
    const [instance] = KubernetesEntityProvider.fromConfig(
      configFor(clusters, provider),
      {
        logger: new RecordingLogger(),
        schedule: new RecordingTaskRunner(),
        catalog: catalogServiceMock({ entities: catalogEntities }),
        auth: mockServices.auth(),
      },
    );
    const connection = new RecordingConnection();
    await instance.connect(connection);
    return { provider: instance, connection };
  }

  const yamlGateway: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payment-gateway',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://github.com/ratchet-demo/payment-gateway/blob/main/catalog-info.yaml',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  };

  it('skips a name that a YAML Component already has and records the link', async () => {
    const { provider, connection } = await create({}, [yamlGateway]);
    const report = await provider.refresh();
    expect(connection.entities().has('payment-gateway')).toBe(false);
    expect(connection.entities().size).toBe(44);
    expect(report.conflicts).toEqual([
      {
        name: 'payment-gateway',
        existingEntityRef: 'component:default/payment-gateway',
        existingOwner: 'group:default/payments',
        kubernetesOwner: 'group:default/payments',
        ownerSource: 'label:ratchet.dev/team',
        action: 'skipped',
        workloads: [
          {
            cluster: 'eu-west',
            namespace: 'payments',
            kind: 'Deployment',
            name: 'payment-gateway',
          },
          {
            cluster: 'us-east',
            namespace: 'payments',
            kind: 'Deployment',
            name: 'payment-gateway',
          },
        ],
      },
    ]);
  });

  it('emits it with a suffix when configured', async () => {
    const { provider, connection } = await create(
      { coexistence: { action: 'suffix' } },
      [yamlGateway],
    );
    const report = await provider.refresh();
    const suffixed = connection.entities().get('payment-gateway-k8s')!;
    expect(suffixed.metadata.annotations).toMatchObject({
      'ratchet.dev/kubernetes-conflicts-with':
        'component:default/payment-gateway',
      'backstage.io/kubernetes-id': 'payment-gateway',
    });
    expect(report.conflicts[0]).toMatchObject({
      action: 'suffixed',
      emittedAs: 'component:default/payment-gateway-k8s',
    });
  });

  it('records a skip, not a suffix, for an unowned clash when unowned workloads are skipped', async () => {
    const yamlRunner: Entity = {
      ...yamlGateway,
      metadata: { ...yamlGateway.metadata, name: 'dbt-runner' },
    };
    const { provider, connection } = await create(
      { coexistence: { action: 'suffix' }, unowned: { action: 'skip' } },
      [yamlRunner],
    );
    const report = await provider.refresh();
    expect(connection.entities().has('dbt-runner-k8s')).toBe(false);
    const [link] = report.conflicts;
    expect(link).toMatchObject({ name: 'dbt-runner', action: 'skipped' });
    expect(link).not.toHaveProperty('emittedAs');
  });

  it('does not treat its own entities as clashes', async () => {
    const first = await create();
    await first.provider.refresh();
    const own = [...first.connection.entities().values()];
    const second = await create({}, own);
    const report = await second.provider.refresh();
    expect(report.conflicts).toEqual([]);
    expect(second.connection.entities().size).toBe(45);
  });

  describe('in the demo (examples/components.yaml in the catalog)', () => {
    const yamlComponents = parseAllDocuments(
      fs.readFileSync(path.join(REPO_ROOT, 'examples/components.yaml'), 'utf8'),
    ).map(d => d.toJS() as Entity);
    const kubernetesOnly = [
      'experiment-assigner',
      'flagd',
      'ingress-nginx',
      'kafka-lag-exporter',
      'link-shortener',
      'nightly-kpi-report',
      'otel-collector',
      'pgbouncer',
    ];

    it('emits only the Kubernetes-only workloads, with owners, Kubernetes annotations and a location', async () => {
      const { provider, connection } = await create({}, yamlComponents);
      const report = await provider.refresh();
      const entities = connection.entities();
      expect([...entities.keys()].sort()).toEqual(kubernetesOnly);
      expect(report.counts).toMatchObject({
        entities: 8,
        conflicts: 37,
        unowned: 4,
        optedOut: 1,
      });
      const owners = Object.fromEntries(
        [...entities].map(([name, e]) => [name, e.spec?.owner]),
      );
      expect(owners).toEqual({
        'experiment-assigner': 'group:default/growth',
        flagd: 'group:default/platform',
        'ingress-nginx': 'group:default/platform',
        'kafka-lag-exporter': 'group:default/unassigned',
        'link-shortener': 'group:default/growth',
        'nightly-kpi-report': 'group:default/data',
        'otel-collector': 'group:default/platform',
        pgbouncer: 'group:default/unassigned',
      });
      const [euWest, usEast] = clusters;
      const ingress = entities.get('ingress-nginx')!;
      expect(ingress.spec?.system).toBe('platform-core'); // annotation over the chart's part-of label
      const location = `url:${euWest.url}/apis/apps/v1/namespaces/ingress-nginx/deployments/ingress-nginx-controller`;
      expect(ingress.metadata.annotations).toEqual({
        'backstage.io/kubernetes-id': 'ingress-nginx',
        'backstage.io/kubernetes-namespace': 'ingress-nginx',
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'ratchet.dev/kubernetes-clusters': 'eu-west,us-east',
        'ratchet.dev/kubernetes-namespaces': 'ingress-nginx',
        'ratchet.dev/kubernetes-provider': 'kubernetes:test',
      });
      expect(
        entities.get('nightly-kpi-report')?.metadata.annotations?.[
          'backstage.io/managed-by-location'
        ],
      ).toBe(
        `url:${usEast.url}/apis/batch/v1/namespaces/data/cronjobs/nightly-kpi-report`,
      );
      expect(entities.get('experiment-assigner')?.spec?.lifecycle).toBe(
        'experimental',
      );
      expect(entities.get('otel-collector')?.metadata).toMatchObject({
        title: 'OpenTelemetry Collector',
        tags: ['observability', 'opentelemetry'],
        links: [
          {
            title: 'Collector dashboard',
            url: 'https://grafana.ratchet.example/d/otel-collector',
          },
        ],
      });
      // no kubernetes-id label on the workload: the Kubernetes tab and the facts find it by selector
      expect(entities.get('pgbouncer')?.metadata.annotations).toMatchObject({
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=pgbouncer',
        'ratchet.dev/needs-owner': 'true',
      });
      expect(
        entities.get('pgbouncer')?.metadata.annotations,
      ).not.toHaveProperty('backstage.io/kubernetes-id');
    });

    it('links every YAML Component that runs in Kubernetes and surfaces ownership gaps', async () => {
      const { provider } = await create({}, yamlComponents);
      const report = await provider.refresh();
      const deployed = yamlComponents
        .filter(c => c.metadata.annotations?.['backstage.io/kubernetes-id'])
        .map(c => c.metadata.name)
        .sort();
      expect(deployed).toHaveLength(37);
      expect(report.conflicts.map(c => c.name).sort()).toEqual(deployed);
      expect(report.conflicts.every(c => c.action === 'skipped')).toBe(true);
      const link = (name: string) =>
        report.conflicts.find(c => c.name === name);
      // unowned in the catalog, owned in Kubernetes: the hint to fix the YAML
      expect(link('legacy-core-banking-adapter')).toMatchObject({
        existingOwner: 'group:default/unassigned',
        kubernetesOwner: 'group:default/ledger',
        ownerSource: 'label:ratchet.dev/team',
      });
      expect(link('email-renderer')).toMatchObject({
        existingOwner: 'group:default/unassigned',
        kubernetesOwner: 'group:default/growth',
        ownerSource: 'annotation:ratchet.dev/owner',
      });
      // triage: no owner signal in Kubernetes, whether or not a YAML Component exists
      expect(
        report.unowned
          .map(u => [u.entityRef, u.emitted, u.existingEntityRef])
          .sort(),
      ).toEqual([
        ['component:default/dbt-runner', false, 'component:default/dbt-runner'],
        ['component:default/kafka-lag-exporter', true, undefined],
        [
          'component:default/old-signup-flow',
          false,
          'component:default/old-signup-flow',
        ],
        ['component:default/pgbouncer', true, undefined],
      ]);
    });
  });
});
