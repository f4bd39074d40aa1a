import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { maturityPlugin } from './plugin';
import { ESTATE } from './__testUtils__/estate';

jest.setTimeout(60_000);

// The plugin as the backend wires it (plugin.ts): routes mounted, pushed source registered,
// exemptions wired into evaluation.
describe('maturity plugin wiring', () => {
  it('serves the API under /api/maturity', async () => {
    const { server } = await startTestBackend({
      features: [
        maturityPlugin,
        catalogServiceMock.factory({ entities: ESTATE }),
        mockServices.rootConfig.factory({
          data: {
            maturity: { sources: { pushed: { schema: { type: 'object' } } } },
          },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });

    const sources = await request(server).get('/api/maturity/sources');
    expect(sources.status).toBe(200);
    expect(sources.body.items.map((s: { id: string }) => s.id)).toEqual([
      'catalog',
      'pushed',
      'attestation',
    ]);

    const pushed = await request(server)
      .post('/api/maturity/facts')
      .set('authorization', mockCredentials.service.header())
      .send({
        items: [
          {
            entityRef: 'component:default/ledger',
            source: 'pushed',
            facts: { deploys: 3 },
          },
        ],
      });
    expect(pushed.body).toEqual({ accepted: 1, changed: 1, unchanged: 0 });

    const spec = await request(server).get('/api/maturity/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.paths['/api/maturity/facts']).toBeDefined();

    const gate = await request(server).get('/api/maturity/gate').query({
      entity: 'component:default/ledger',
      scorecard: 'test-maturity',
      minLevel: 'gold',
    });
    expect(gate.status).toBe(200);
    expect(gate.body.pass).toBe(false);
  });
});
