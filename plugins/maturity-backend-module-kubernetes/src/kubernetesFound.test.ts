import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import { KubernetesEntityProvider } from '@ratchet/backstage-plugin-catalog-backend-module-kubernetes';
import { DefaultKubernetesClusterAccess } from '@ratchet/backstage-plugin-kubernetes-node';
import {
  LoopbackCluster,
  loadManifestFile,
  simulateControllers,
} from '@ratchet/kubernetes-loopback';
import { parse } from 'yaml';
import { KubernetesFactSource } from './KubernetesFactSource';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const ONLINE_BOUTIQUE = path.resolve(
  REPO_ROOT,
  '../shared/fixtures/kubernetes/online-boutique.yaml',
);
const FIXTURES: Record<string, string> = {
  unlabelled: path.join(__dirname, '__fixtures__/unlabelled.yaml'),
  ...(fs.existsSync(ONLINE_BOUTIQUE) && { boutique: ONLINE_BOUTIQUE }),
};

// What the provider emits must always be matched by the fact source: both use kubernetes-node's matching.
describe('every workload the provider ingests gets Kubernetes facts', () => {
  let clusters: LoopbackCluster[];
  let emitted: Entity[];
  let facts: Map<string, JsonObject>;

  beforeAll(async () => {
    clusters = await Promise.all(
      Object.entries(FIXTURES).map(([name, file]) =>
        LoopbackCluster.start({
          name,
          tokens: 't',
          objects: simulateControllers(loadManifestFile(file)),
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
            })),
          },
        ],
      },
      catalog: { providers: { kubernetes: { estate: {} } } },
    });
    const access = DefaultKubernetesClusterAccess.create({
      config,
      logger: mockServices.logger.mock(),
    });
    const [provider] = KubernetesEntityProvider.fromConfig(config, {
      access,
      logger: mockServices.logger.mock(),
      schedule: { run: async () => {} },
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
    });
    const mutations: EntityProviderMutation[] = [];
    await provider.connect({
      applyMutation: async m => {
        mutations.push(m);
      },
      refresh: async () => {},
    });
    await provider.refresh();
    const [full] = mutations;
    emitted = full.type === 'full' ? full.entities.map(e => e.entity) : [];
    const source = KubernetesFactSource.create({
      access,
      catalog: catalogServiceMock({ entities: emitted }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    facts = new Map((await source.collect()).map(c => [c.entityRef, c.facts]));
  });

  afterAll(() => Promise.all(clusters.map(c => c.stop())));

  it('finds the workloads of every emitted Component, including those without labels', () => {
    expect(emitted.length).toBeGreaterThanOrEqual(4);
    const missing = emitted
      .map(e => `component:default/${e.metadata.name}`)
      .filter(ref => facts.get(ref)?.found !== true);
    expect(missing).toEqual([]);
    expect(facts.get('component:default/billing-legacy')).toMatchObject({
      found: true,
      workload: { kind: 'Deployment' },
      replicas: { desired: 2 },
      resources: { requestsSet: true, limitsSet: true },
    });
    expect(facts.get('component:default/nightly-invoices')).toMatchObject({
      found: true,
      workload: { kind: 'CronJob' },
    });
  });

  it('links unlabelled and selector-only workloads by label selector, as the Kubernetes tab does', () => {
    const byName = new Map(emitted.map(e => [e.metadata.name, e]));
    const annotations = (name: string) =>
      byName.get(name)?.metadata.annotations ?? {};
    expect(annotations('billing-legacy')).toMatchObject({
      'backstage.io/kubernetes-label-selector': 'app=billing-legacy',
      'backstage.io/kubernetes-namespace': 'legacy',
    });
    expect(annotations('billing-legacy')['backstage.io/kubernetes-id']).toBe(
      undefined,
    );
    expect(
      annotations('ledger')['backstage.io/kubernetes-label-selector'],
    ).toBe('app.kubernetes.io/name=ledger');
  });

  it('lets the example Kubernetes checks apply to them: every one applies by kubernetes.found', () => {
    const scorecard = parse(
      fs.readFileSync(
        path.join(
          REPO_ROOT,
          'examples/ratchet/service-maturity.scorecard.yaml',
        ),
        'utf8',
      ),
    ) as { spec: { checks: Array<JsonObject> } };
    const kubernetesChecks = scorecard.spec.checks.filter(c =>
      JSON.stringify(c.rule).includes('"kubernetes.'),
    );
    expect(kubernetesChecks.length).toBeGreaterThanOrEqual(5);
    for (const check of kubernetesChecks) {
      expect([check.id, check.appliesWhen]).toEqual([
        check.id,
        { fact: 'kubernetes.found', operator: 'equal', value: true },
      ]);
      expect(JSON.stringify(check.appliesTo ?? {})).not.toContain(
        'kubernetes-id',
      );
    }
  });
});
