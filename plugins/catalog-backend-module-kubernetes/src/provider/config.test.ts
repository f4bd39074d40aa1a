import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readProviderConfigs } from './config';

const clusters = [
  {
    name: 'eu-west',
    url: 'https://eu-west.k8s.example',
    authProvider: 'serviceAccount',
    serviceAccountToken: 't1',
    caData: 'Q0E=',
  },
  {
    name: 'us-east',
    url: 'https://us-east.k8s.example',
    authProvider: 'serviceAccount',
    serviceAccountToken: 't2',
  },
  { name: 'gke-prod', url: 'https://gke.example', authProvider: 'google' },
];

function read(provider: JsonObject, clusterList: JsonObject[] = clusters) {
  return readProviderConfigs(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [{ type: 'config', clusters: clusterList }],
      },
      catalog: { providers: { kubernetes: { demo: provider } } },
    }),
  );
}

describe('readProviderConfigs', () => {
  it('reads nothing without catalog.providers.kubernetes', () => {
    expect(readProviderConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('applies defaults, reading every located cluster', () => {
    const [config] = read({});
    expect(config).toMatchObject({
      id: 'demo',
      kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'],
      excludeNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
      entityNamespace: 'default',
      unowned: { action: 'suggest', owner: 'group:default/unassigned' },
      coexistence: { action: 'skip', suffix: '-k8s' },
      pageSize: 500,
      concurrency: 3,
      requestTimeoutMs: 30_000,
      schedule: {
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
      },
    });
    expect(config.clusters).toBeUndefined();
  });

  it('narrows clusters by name, in the order given', () => {
    const [config] = read({ clusters: ['us-east', 'eu-west'] });
    expect(config.clusters).toEqual(['us-east', 'eu-west']);
  });

  it('reads the schedule and durations from config', () => {
    const [config] = read({
      schedule: { frequency: { minutes: 2 }, timeout: 'PT1M' },
      requestTimeout: { seconds: 5 },
    });
    expect(config.schedule).toMatchObject({ frequency: { minutes: 2 } });
    expect(config.requestTimeoutMs).toBe(5000);
  });

  it.each<[string, JsonObject, string]>([
    [
      'an empty cluster list',
      { clusters: [] },
      'catalog.providers.kubernetes.demo.clusters: name at least one cluster, or leave it out to read them all',
    ],
    [
      'a label selector with an unbalanced set',
      { labelSelector: 'tier in (web,api' },
      'catalog.providers.kubernetes.demo.labelSelector: unbalanced parentheses in selector "tier in (web,api"',
    ],
    [
      'a label selector with an invalid key',
      { labelSelector: 'app=web,-bad=1' },
      'catalog.providers.kubernetes.demo.labelSelector: invalid label key "-bad" in selector "app=web,-bad=1"',
    ],
    [
      'a label selector that is not one',
      { labelSelector: 'app = = web' },
      'catalog.providers.kubernetes.demo.labelSelector: cannot parse "app = = web" in selector "app = = web"',
    ],
    [
      'an unknown workload kind',
      { kinds: ['Deployment', 'Pod'] },
      "catalog.providers.kubernetes.demo.kinds[1]: 'Pod' is not one of Deployment, StatefulSet, DaemonSet, CronJob",
    ],
    [
      'an unknown mapping source',
      { mapping: { owner: ['label:team', 'tag:owner'] } },
      "catalog.providers.kubernetes.demo.mapping.owner[1]: 'tag:owner' is not a mapping source; use label:<key>, annotation:<key>, namespaceLabel:<key>, namespaceAnnotation:<key>, workload:<name|namespace|kind|cluster> or value:<text>",
    ],
    [
      'a mapping source without a key',
      { mapping: { name: ['label:'] } },
      "catalog.providers.kubernetes.demo.mapping.name[0]: 'label:' names no key",
    ],
    [
      'an unknown unowned action',
      { unowned: { action: 'drop' } },
      "catalog.providers.kubernetes.demo.unowned.action: 'drop' is not one of suggest, skip",
    ],
    [
      'an unknown coexistence action',
      { coexistence: { action: 'merge' } },
      "catalog.providers.kubernetes.demo.coexistence.action: 'merge' is not one of skip, suffix",
    ],
    [
      'a page size out of range',
      { pageSize: 0 },
      'catalog.providers.kubernetes.demo.pageSize: 0 is not an integer between 1 and 10000',
    ],
  ])(
    'rejects %s with an error naming the config path',
    (_, provider, message) => {
      expect(() => read(provider)).toThrow(message);
    },
  );

  it('needs kubernetes.clusterLocatorMethods', () => {
    expect(() =>
      readProviderConfigs(
        new ConfigReader({
          catalog: { providers: { kubernetes: { demo: {} } } },
        }),
      ),
    ).toThrow(
      'catalog.providers.kubernetes: no cluster to read; configure kubernetes.clusterLocatorMethods as for the Kubernetes plugin',
    );
  });
});
