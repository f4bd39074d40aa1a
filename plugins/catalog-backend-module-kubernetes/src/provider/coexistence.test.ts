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
    expect(connection.entities().size).toBe(36);
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

  it('does not treat its own entities as clashes', async () => {
    const first = await create();
    await first.provider.refresh();
    const own = [...first.connection.entities().values()];
    const second = await create({}, own);
    const report = await second.provider.refresh();
    expect(report.conflicts).toEqual([]);
    expect(second.connection.entities().size).toBe(37);
  });

  it('links every demo service to its Component in examples/components.yaml and surfaces ownership gaps', async () => {
    const components = parseAllDocuments(
      fs.readFileSync(path.join(REPO_ROOT, 'examples/components.yaml'), 'utf8'),
    ).map(d => d.toJS() as Entity);
    const { provider, connection } = await create({}, components);
    const report = await provider.refresh();
    expect(connection.entities().size).toBe(0);
    expect(report.conflicts).toHaveLength(37);
    const link = (name: string) => report.conflicts.find(c => c.name === name);
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
    // no owner signal in Kubernetes: listed for triage, with the Component they belong to
    expect(
      report.unowned.map(u => [u.entityRef, u.emitted, u.existingEntityRef]),
    ).toEqual([
      ['component:default/dbt-runner', false, 'component:default/dbt-runner'],
      [
        'component:default/old-signup-flow',
        false,
        'component:default/old-signup-flow',
      ],
    ]);
  });
});
