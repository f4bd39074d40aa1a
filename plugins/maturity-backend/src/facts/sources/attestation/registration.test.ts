import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { AttestationFacts } from '@ratchet/backstage-plugin-maturity-common';
import request from 'supertest';
import { ESTATE } from '../../../__testUtils__/estate';
import { maturityPlugin } from '../../../plugin';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger';
const CHECKLIST = 'checklist:default/production-readiness';

const attestation = {
  checklists: {
    [CHECKLIST]: {
      items: {
        'ha-plan': {
          answer: 'yes',
          attestedBy: 'user:default/jane.doe',
          attestedAt: '2026-01-10T09:00:00Z',
          expired: false,
        },
      },
    },
  },
} satisfies AttestationFacts;

// The plugin as plugin.ts wires it: the attestation source is built in and listed, but POST /facts refuses
// it whatever the facts (readiness writes them through its own permissioned routes).
describe('the built-in attestation source', () => {
  it('is listed and refuses pushes, valid or not', async () => {
    const { server } = await startTestBackend({
      features: [
        maturityPlugin,
        catalogServiceMock.factory({ entities: ESTATE }),
        mockServices.rootConfig.factory({ data: {} }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
    const push = (facts: object) =>
      request(server)
        .post('/api/maturity/facts')
        .set('authorization', mockCredentials.service.header())
        .send({ items: [{ entityRef: LEDGER, source: 'attestation', facts }] });

    const sources = await request(server).get('/api/maturity/sources');
    expect(
      sources.body.items.find((s: { id: string }) => s.id === 'attestation'),
    ).toMatchObject({
      title: 'Attestations',
      collects: false,
      acceptsPush: false,
      schedule: null,
      schema: { required: ['checklists'] },
    });

    const refused = await push(attestation);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      "items[0].source: 'attestation' facts are written by readiness reviews through their own permissioned routes and cannot be pushed here",
    );

    const rejected = await push({
      checklists: {
        [CHECKLIST]: {
          items: {
            'ha-plan': {
              ...attestation.checklists[CHECKLIST].items['ha-plan'],
              answer: 'sure',
            },
          },
        },
      },
    });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.message).toContain(
      "items[0].source: 'attestation' facts are written by readiness reviews",
    );
  });
});
