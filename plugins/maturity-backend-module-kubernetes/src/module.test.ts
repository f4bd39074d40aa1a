import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { kubernetesClusterAccessServiceRef } from '@ratchet/backstage-plugin-kubernetes-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FactSource,
  maturityFactSourcesExtensionPoint,
} from '@ratchet/backstage-plugin-maturity-node';
import maturityModuleKubernetesFacts from './index';

const clusters = [
  {
    name: 'eu-west',
    url: 'https://eu-west.example',
    authProvider: 'serviceAccount',
    serviceAccountToken: 'a',
  },
  {
    name: 'us-east',
    url: 'https://us-east.example',
    authProvider: 'serviceAccount',
    serviceAccountToken: 'b',
  },
];

async function start(maturity: object, extra: object[] = []) {
  const sources: FactSource[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        maturityFactSourcesExtensionPoint,
        { addFactSource: (...s: FactSource[]) => sources.push(...s) },
      ],
    ],
    features: [
      maturityModuleKubernetesFacts,
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'web',
              annotations: { 'backstage.io/kubernetes-id': 'web' },
            },
          },
        ],
      }),
      ...(extra as []),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
          maturity,
        },
      }),
    ],
  });
  return sources;
}

describe('maturityModuleKubernetesFacts', () => {
  it('adds the kubernetes fact source with the configured schedule', async () => {
    const sources = await start({
      kubernetes: {
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
      },
    });
    expect(sources.map(s => s.id)).toEqual(['kubernetes']);
    expect(sources[0].schedule).toMatchObject({ frequency: { minutes: 5 } });
  });

  it('reads clusters through the cluster access service, which an installation can replace', async () => {
    const getClusters = jest.fn(async () => []);
    const sources = await start({}, [
      createServiceFactory({
        service: kubernetesClusterAccessServiceRef,
        deps: {},
        factory: () => ({
          getClusters,
          getCredential: async () => ({ type: 'anonymous' as const }),
          client: async () => {
            throw new Error('no cluster');
          },
        }),
      }),
    ]);
    await sources[0].collect?.({});
    expect(getClusters).toHaveBeenCalled();
  });
});
