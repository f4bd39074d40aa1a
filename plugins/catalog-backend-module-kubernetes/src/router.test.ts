import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { LoopbackCluster } from '@ratchet/kubernetes-loopback';
import request from 'supertest';
import { configFor, EXAMPLES, startClusters } from './__testUtils__/testUtils';
import catalogModuleKubernetesEntityProvider from './index';

describe('GET /api/catalog/kubernetes/preview permission', () => {
  let clusters: LoopbackCluster[];

  beforeAll(async () => {
    clusters = await startClusters({
      'eu-west': path.join(EXAMPLES, 'cluster-eu-west.yaml'),
    });
  });

  afterAll(() => Promise.all(clusters.map(c => c.stop())));

  // No sync during the test: only the route is under test.
  const config = () =>
    configFor(clusters, {
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 1 },
        initialDelay: { hours: 1 },
      },
    }).get<JsonObject>();

  it('is registered with the catalog plugin and answers 403 when the policy denies it', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubernetesEntityProvider,
        mockServices.rootConfig.factory({ data: config() }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const metadata = await request(server).get(
      '/api/catalog/.well-known/backstage/permissions/metadata',
    );
    expect(metadata.body.permissions).toContainEqual({
      type: 'basic',
      name: 'ratchet.kubernetes.preview',
      attributes: { action: 'read' },
    });
    const denied = await request(server)
      .get('/api/catalog/kubernetes/preview')
      .set('authorization', mockCredentials.user.header());
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'ratchet.kubernetes.preview is required to read the Kubernetes preview',
    );
  }, 60_000);

  it('answers with owner suggestions when allowed', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubernetesEntityProvider,
        mockServices.rootConfig.factory({ data: config() }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    const preview = await request(server)
      .get('/api/catalog/kubernetes/preview')
      .set('authorization', mockCredentials.user.header());
    expect(preview.status).toBe(200);
    const [report] = preview.body.providers;
    expect(report.unowned.length).toBeGreaterThan(0);
    for (const u of report.unowned)
      expect(Array.isArray(u.suggestions)).toBe(true);
  }, 60_000);
});
