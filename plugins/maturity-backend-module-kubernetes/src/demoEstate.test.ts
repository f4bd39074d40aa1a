import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KubernetesEntityProvider,
  SyncReport,
} from '@ratchet/backstage-plugin-catalog-backend-module-kubernetes';
import { DefaultKubernetesClusterAccess } from '@ratchet/backstage-plugin-kubernetes-node';
import {
  LoopbackCluster,
  loadManifestFile,
  simulateControllers,
} from '@ratchet/kubernetes-loopback';
import { parseAllDocuments } from 'yaml';
import { KubernetesFactSource } from './KubernetesFactSource';

const REPO_ROOT = path.resolve(__dirname, '../../..');

// The demo's catalog: the YAML Components, plus what the entity provider emits next to them.
describe('Kubernetes facts of the demo estate (examples/)', () => {
  let clusters: LoopbackCluster[];
  let report: SyncReport;
  let emitted: Entity[];
  let facts: Map<string, JsonObject>;

  const yamlComponents = parseAllDocuments(
    fs.readFileSync(path.join(REPO_ROOT, 'examples/components.yaml'), 'utf8'),
  ).map(d => d.toJS() as Entity);

  beforeAll(async () => {
    // As the demo backend serves them: with the controllers played, so there are pods to count.
    clusters = await Promise.all(
      ['eu-west', 'us-east'].map(name =>
        LoopbackCluster.start({
          name,
          tokens: 't',
          objects: simulateControllers(
            loadManifestFile(
              path.join(REPO_ROOT, `examples/kubernetes/cluster-${name}.yaml`),
            ),
          ),
        }),
      ),
    );

    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: 't',
              skipTLSVerify: true,
            })),
          },
        ],
      },
      catalog: { providers: { kubernetes: { demo: {} } } },
    });
    const access = DefaultKubernetesClusterAccess.create({
      config,
      logger: mockServices.logger.mock(),
    });
    const [provider] = KubernetesEntityProvider.fromConfig(config, {
      access,
      logger: mockServices.logger.mock(),
      schedule: { run: async () => {} },
      catalog: catalogServiceMock({ entities: yamlComponents }),
      auth: mockServices.auth(),
    });
    const mutations: EntityProviderMutation[] = [];
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    report = await provider.refresh();
    const [full] = mutations;
    emitted = full.type === 'full' ? full.entities.map(e => e.entity) : [];

    const source = KubernetesFactSource.create({
      access,
      catalog: catalogServiceMock({
        entities: [...yamlComponents, ...emitted],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    facts = new Map((await source.collect()).map(c => [c.entityRef, c.facts]));
  });

  afterAll(() => Promise.all(clusters.map(c => c.stop())));

  it('gives every YAML Component the provider skipped the facts of the workloads it links to', () => {
    expect(report.conflicts).toHaveLength(37);
    for (const link of report.conflicts) {
      const expected = [...new Set(link.workloads.map(w => w.cluster))];
      expect([link.name, facts.get(link.existingEntityRef)?.clusters]).toEqual([
        link.name,
        expected,
      ]);
    }
  });

  it('gives every Component the provider emitted the facts of its workloads, by id or by selector', () => {
    expect(emitted).toHaveLength(8);
    for (const entity of emitted) {
      const expected =
        entity.metadata.annotations?.['ratchet.dev/kubernetes-clusters'];
      expect([
        entity.metadata.name,
        (facts.get(stringifyEntityRef(entity))?.clusters as string[]).join(','),
      ]).toEqual([entity.metadata.name, expected]);
    }
  });

  it('has no facts for the YAML Components that are not deployed to Kubernetes', () => {
    expect(facts.has('component:default/checkout-web')).toBe(false);
    expect(facts.has('component:default/ratchet-py-commons')).toBe(false);
    expect(facts.size).toBe(37 + 8);
  });

  it('sums replicas over clusters and finds the PodDisruptionBudgets and autoscalers', () => {
    expect(facts.get('component:default/payment-gateway')).toMatchObject({
      replicas: { desired: 10, ready: 10 },
      pdb: true,
      hpa: true,
      image: { pinned: true },
      clusters: ['eu-west', 'us-east'],
    });
    expect(facts.get('component:default/ingress-nginx')).toMatchObject({
      replicas: { desired: 5, ready: 5 },
      pdb: true,
      hpa: true,
    });
    expect(facts.get('component:default/otel-collector')).toMatchObject({
      workload: { kind: 'DaemonSet' },
      probes: { liveness: true, readiness: true },
      pdb: false,
    });
    expect(facts.get('component:default/pgbouncer')).toMatchObject({
      replicas: { desired: 1, ready: 1 },
      resources: { requestsSet: false, limitsSet: false },
      probes: { liveness: false, readiness: false },
      image: { pinned: false },
      clusters: ['us-east'],
    });
    expect(facts.get('component:default/nightly-kpi-report')).toMatchObject({
      workload: { kind: 'CronJob' },
      clusters: ['us-east'],
    });
  });

  it('labels the Services, PodDisruptionBudgets and autoscalers of a workload with its kubernetes-id, as the Kubernetes tab selects them', async () => {
    const related: Array<[string, string, string]> = [
      ['v1', 'Service', 'api/v1/services'],
      [
        'policy/v1',
        'PodDisruptionBudget',
        'apis/policy/v1/poddisruptionbudgets',
      ],
      [
        'autoscaling/v2',
        'HorizontalPodAutoscaler',
        'apis/autoscaling/v2/horizontalpodautoscalers',
      ],
    ];
    const missing: string[] = [];
    let checked = 0;
    for (const cluster of clusters) {
      const { store } = cluster;
      const workloads = ['Deployment', 'StatefulSet', 'DaemonSet'].flatMap(
        kind => store.list(store.registry.forObject('apps/v1', kind)),
      );
      for (const [apiVersion, kind, resource] of related) {
        for (const object of store.list(
          store.registry.forObject(apiVersion, kind),
        )) {
          const spec = object.spec as {
            selector?: Record<string, string> & {
              matchLabels?: Record<string, string>;
            };
            scaleTargetRef?: { kind: string; name: string };
          };
          const selector = spec.selector?.matchLabels ?? spec.selector ?? {};
          const target = workloads.find(w => {
            if (w.metadata.namespace !== object.metadata.namespace)
              return false;
            if (spec.scaleTargetRef)
              return (
                w.kind === spec.scaleTargetRef.kind &&
                w.metadata.name === spec.scaleTargetRef.name
              );
            const podLabels =
              (w.spec as { template?: { metadata?: { labels?: object } } })
                .template?.metadata?.labels ?? {};
            return Object.entries(selector).every(
              ([k, v]) => (podLabels as Record<string, string>)[k] === v,
            );
          });
          const id = target?.metadata.labels?.['backstage.io/kubernetes-id'];
          if (!id) continue;
          const res = await fetch(
            `${cluster.url}/${resource}?labelSelector=${encodeURIComponent(
              `backstage.io/kubernetes-id=${id}`,
            )}`,
            { headers: { authorization: 'Bearer t' } },
          );
          const body = (await res.json()) as {
            items: Array<{ metadata: { name: string; namespace: string } }>;
          };
          checked++;
          const found = body.items.some(
            i =>
              i.metadata.name === object.metadata.name &&
              i.metadata.namespace === object.metadata.namespace,
          );
          if (!found)
            missing.push(
              `${cluster.name} ${kind} ${object.metadata.namespace}/${object.metadata.name}`,
            );
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});
