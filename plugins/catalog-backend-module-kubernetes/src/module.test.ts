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
import { configFor, EXAMPLES, startClusters } from './__testUtils__/testUtils';
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
    for (let i = 0; i < 100 && items.length < 37; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component&limit=100')
        .set('authorization', mockCredentials.user.header());
      items = res.body.items ?? [];
      if (items.length < 37) await new Promise(r => setTimeout(r, 200));
    }
    expect(items).toHaveLength(37);
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
      counts: { entities: 37, unowned: 2, conflicts: 0 },
    });
    expect(
      preview.body.providers[0].unowned
        .map((u: { entityRef: string }) => u.entityRef)
        .sort(),
    ).toEqual([
      'component:default/dbt-runner',
      'component:default/old-signup-flow',
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
});
