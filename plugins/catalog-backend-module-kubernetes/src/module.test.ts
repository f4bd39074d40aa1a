import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { LoopbackCluster } from '@ratchet/kubernetes-loopback';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import {
  configFor,
  EXAMPLES,
  REPO_ROOT,
  startClusters,
} from './__testUtils__/testUtils';
import catalogModuleKubernetesEntityProvider from './index';

describe('catalogModuleKubernetesEntityProvider', () => {
  let clusters: LoopbackCluster[];

  beforeAll(async () => {
    clusters = await startClusters({
      'eu-west': path.join(EXAMPLES, 'cluster-eu-west.yaml'),
      'us-east': path.join(EXAMPLES, 'cluster-us-east.yaml'),
    });
  });

  afterAll(() => Promise.all(clusters.map(c => c.stop())));

  it('syncs the clusters into the catalog and serves the preview', async () => {
    const config = configFor(clusters, {
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
    }).get<JsonObject>();
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubernetesEntityProvider,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    let items: Entity[] = [];
    for (let i = 0; i < 100 && items.length < 45; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component&limit=100')
        .set('authorization', mockCredentials.user.header());
      items = res.body.items ?? [];
      if (items.length < 45) await new Promise(r => setTimeout(r, 200));
    }
    expect(items).toHaveLength(45);
    const gateway = items.find(e => e.metadata.name === 'payment-gateway');
    expect(gateway?.relations).toContainEqual(
      expect.objectContaining({
        type: 'ownedBy',
        targetRef: 'group:default/payments',
      }),
    );

    const preview = await request(server)
      .get('/api/catalog/kubernetes/preview?provider=test')
      .set('authorization', mockCredentials.user.header());
    expect(preview.status).toBe(200);
    expect(preview.body.providers[0]).toMatchObject({
      provider: 'kubernetes:test',
      dryRun: true,
      counts: { entities: 45, unowned: 4, conflicts: 0 },
    });
    expect(
      preview.body.providers[0].unowned
        .map((u: { entityRef: string }) => u.entityRef)
        .sort(),
    ).toEqual([
      'component:default/dbt-runner',
      'component:default/kafka-lag-exporter',
      'component:default/old-signup-flow',
      'component:default/pgbouncer',
    ]);

    const unknown = await request(server)
      .get('/api/catalog/kubernetes/preview?provider=nope')
      .set('authorization', mockCredentials.user.header());
    expect(unknown.status).toBe(404);

    const forged = await request(server)
      .get('/api/catalog/kubernetes/preview')
      .set('authorization', mockCredentials.user.invalidHeader());
    expect(forged.status).toBe(401);
  }, 60_000);

  it('previews the demo: the Kubernetes-only workloads, and a link for each YAML Component', async () => {
    const config = configFor(clusters, {
      // the preview is what is under test: no sync may claim the YAML names first
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 1 },
        initialDelay: { hours: 1 },
      },
    }).get<JsonObject>();
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubernetesEntityProvider,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            catalog: {
              ...(config.catalog as JsonObject),
              rules: [{ allow: ['Component'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(REPO_ROOT, 'examples/components.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });

    let count = 0;
    for (let i = 0; i < 150 && count < 40; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component&limit=1')
        .set('authorization', mockCredentials.user.header());
      count = res.body.totalItems ?? 0;
      if (count < 40) await new Promise(r => setTimeout(r, 200));
    }
    expect(count).toBe(40);

    const preview = await request(server)
      .get('/api/catalog/kubernetes/preview?provider=test')
      .set('authorization', mockCredentials.user.header());
    expect(preview.status).toBe(200);
    const [report] = preview.body.providers;
    expect(report.counts).toMatchObject({
      entities: 8,
      conflicts: 37,
      unowned: 4,
      optedOut: 1,
    });
    expect(
      report.entities.map((e: { entityRef: string }) => e.entityRef).sort(),
    ).toEqual([
      'component:default/experiment-assigner',
      'component:default/flagd',
      'component:default/ingress-nginx',
      'component:default/kafka-lag-exporter',
      'component:default/link-shortener',
      'component:default/nightly-kpi-report',
      'component:default/otel-collector',
      'component:default/pgbouncer',
    ]);
  }, 60_000);
});
