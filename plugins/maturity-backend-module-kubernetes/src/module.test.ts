import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
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

async function start(maturity: object) {
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
      catalogServiceMock.factory(),
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

  it('rejects an unknown cluster with the config path', async () => {
    await expect(
      start({ kubernetes: { clusters: ['eu-west', 'ap-south'] } }),
    ).rejects.toThrow(
      "maturity.kubernetes.clusters[1]: unknown cluster 'ap-south'",
    );
  });
});
