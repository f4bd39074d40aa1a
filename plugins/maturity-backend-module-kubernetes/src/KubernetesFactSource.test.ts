import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LoopbackCluster,
  loadManifestFile,
} from '@ratchet/kubernetes-loopback';
import { ConfigReader } from '@backstage/config';
import { DefaultKubernetesClusterAccess } from '@ratchet/backstage-plugin-kubernetes-node';
import { KubernetesFactSource } from './KubernetesFactSource';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/shop',
    },
  };
}

const ENTITIES = [
  component('web', { 'backstage.io/kubernetes-id': 'web' }),
  component('worker', { 'backstage.io/kubernetes-id': 'worker' }),
  component('cache', {
    'backstage.io/kubernetes-label-selector': 'app=cache',
    'backstage.io/kubernetes-namespace': 'shop',
  }),
  component('nightly', { 'backstage.io/kubernetes-id': 'nightly' }),
  component('ghost', { 'backstage.io/kubernetes-id': 'ghost' }),
  component('website', {}),
];

describe('KubernetesFactSource against loopback clusters', () => {
  let alpha: LoopbackCluster;
  let beta: LoopbackCluster;
  let clock: Date;

  beforeEach(async () => {
    alpha = await LoopbackCluster.start({
      name: 'alpha',
      tokens: 't',
      objects: loadManifestFile(
        path.join(__dirname, '__fixtures__/alpha.yaml'),
      ),
    });
    beta = await LoopbackCluster.start({
      name: 'beta',
      tokens: 't',
      objects: loadManifestFile(path.join(__dirname, '__fixtures__/beta.yaml')),
    });
    clock = NOW;
  });

  afterEach(() => Promise.all([alpha.stop(), beta.stop()]));

  // Clusters and tokens through Backstage's config locator and ServiceAccountStrategy, as in production.
  const access = (names = [alpha, beta]) =>
    DefaultKubernetesClusterAccess.create({
      config: new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: names.map(c => ({
                name: c.name,
                url: c.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: 't',
                skipTLSVerify: true,
              })),
            },
          ],
        },
      }),
      logger: mockServices.logger.mock(),
    });

  function source(entities: Entity[] = ENTITIES, clusters?: string[]) {
    return KubernetesFactSource.create({
      access: access(),
      clusters,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      pageSize: 2,
      requestTimeoutMs: 300,
      now: () => clock,
    });
  }

  const factsOf = async (s: KubernetesFactSource, entityRefs?: string[]) =>
    new Map((await s.collect({ entityRefs })).map(c => [c.entityRef, c.facts]));

  it('declares its id, schema and a 15 minute schedule', () => {
    const s = source();
    expect(s.id).toBe('kubernetes');
    expect(s.schedule.frequency).toEqual({ minutes: 15 });
    expect(Object.keys((s.schema.properties ?? {}) as object)).toEqual(
      expect.arrayContaining([
        'workload',
        'replicas',
        'resources',
        'probes',
        'pdb',
        'hpa',
        'image',
        'restarts24h',
        'oomKills24h',
      ]),
    );
  });

  it('sums a service over clusters and holds booleans only if they hold everywhere', async () => {
    const facts = await factsOf(source());
    expect(facts.get('component:default/web')).toEqual({
      found: true,
      workload: { kind: 'Deployment' },
      replicas: { desired: 5, ready: 4 },
      resources: { requestsSet: true, limitsSet: true },
      probes: { liveness: true, readiness: true },
      pdb: true,
      hpa: false, // alpha has an autoscaler, beta does not
      image: { pinned: true },
      restarts24h: 7,
      oomKills24h: 3,
      clusters: ['alpha', 'beta'],
    });
  });

  it('reports the gaps of a poorly configured workload', async () => {
    const facts = await factsOf(source());
    expect(facts.get('component:default/worker')).toMatchObject({
      replicas: { desired: 1, ready: 0 },
      resources: { requestsSet: true, limitsSet: false },
      probes: { liveness: false, readiness: false },
      pdb: false,
      hpa: false,
      image: { pinned: false },
      restarts24h: 0,
      oomKills24h: 0,
    });
  });

  it('links by label selector and namespace annotation as the Kubernetes plugin does', async () => {
    const facts = await factsOf(source());
    expect(facts.get('component:default/cache')).toMatchObject({
      workload: { kind: 'StatefulSet' },
      replicas: { desired: 2, ready: 2 },
      resources: { requestsSet: false, limitsSet: false },
      image: { pinned: false }, // "redis" has no tag
      clusters: ['alpha'],
    });
  });

  it('gives CronJobs no replica count and counts the pods of their Jobs', async () => {
    const facts = await factsOf(source());
    const nightly = facts.get('component:default/nightly')!;
    expect(nightly).toMatchObject({
      workload: { kind: 'CronJob' },
      pdb: false,
      hpa: false,
      image: { pinned: true },
      restarts24h: 1,
      oomKills24h: 1,
    });
    expect(nightly.replicas).toBeUndefined();
  });

  it('reports only found: false for entities that run nowhere and nothing for entities without annotations', async () => {
    const facts = await factsOf(source());
    expect(facts.get('component:default/ghost')).toEqual({ found: false });
    expect(facts.has('component:default/website')).toBe(false);
    expect(facts.size).toBe(5);
  });

  it('collects only the requested entities', async () => {
    const facts = await factsOf(source(), ['component:default/worker']);
    expect([...facts.keys()]).toEqual(['component:default/worker']);
  });

  it('counts restarts since a baseline and each OOM kill once across collections', async () => {
    const s = source();
    await s.collect();

    // Two hours later web-b restarted twice more, once by OOM kill; web-a shows the same kill as before.
    clock = new Date(NOW.getTime() + 2 * HOUR);
    const podType = alpha.store.registry.forObject('v1', 'Pod');
    const webB = alpha.store.get(podType, 'web-b', 'shop')!;
    alpha.store.put([
      {
        ...webB,
        status: {
          startTime: '2026-11-10T00:00:00Z',
          containerStatuses: [
            {
              name: 'web',
              restartCount: 9,
              lastState: {
                terminated: {
                  reason: 'OOMKilled',
                  finishedAt: '2026-11-20T13:30:00Z',
                },
              },
            },
          ],
        },
      },
    ]);
    const second = (await factsOf(s)).get('component:default/web')!;
    // web-a 5 + web-b 2 (9 - 7 since the first sample) + web-d 1
    expect(second.restarts24h).toBe(8);
    expect(second.oomKills24h).toBe(4);

    // 25 h after the first collection (window from 13:00) the first sample is the baseline and the
    // kills before 13:00 have left the window.
    clock = new Date(NOW.getTime() + 25 * HOUR);
    const third = (await factsOf(s)).get('component:default/web')!;
    expect(third.restarts24h).toBe(2); // web-b: 9 - 7; the others did not restart since
    expect(third.oomKills24h).toBe(1); // only web-b's kill at 13:30 is within 24 h
  });

  it('uses the last good snapshot of a cluster that fails, and leaves unknown entities alone', async () => {
    const s = source();
    await s.collect();
    beta.fail({ type: 'status', status: 503 });
    const facts = await factsOf(s);
    expect(facts.get('component:default/web')).toMatchObject({
      replicas: { desired: 5 },
      clusters: ['alpha', 'beta'],
    });

    const fresh = source();
    const partial = await factsOf(fresh);
    expect(partial.get('component:default/web')).toMatchObject({
      replicas: { desired: 3 },
      clusters: ['alpha'],
    });
    // ghost might run in beta: no empty facts while beta is unknown
    expect(partial.has('component:default/ghost')).toBe(false);
  });

  it('treats a configured cluster no locator returns as unavailable: entities it may run stay unchanged', async () => {
    const facts = await factsOf(source(ENTITIES, ['alpha', 'gamma']));
    expect(facts.get('component:default/web')).toMatchObject({
      found: true,
      clusters: ['alpha'],
    });
    expect(facts.has('component:default/ghost')).toBe(false);
  });

  it('skips an entity with an invalid label selector annotation', async () => {
    const facts = await factsOf(
      source([
        component('broken', {
          'backstage.io/kubernetes-label-selector': 'app in (',
        }),
        ENTITIES[0],
      ]),
    );
    expect([...facts.keys()]).toEqual(['component:default/web']);
  });
});
