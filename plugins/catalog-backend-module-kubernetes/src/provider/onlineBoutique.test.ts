import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { LoopbackCluster } from '@ratchet/kubernetes-loopback';
import {
  configFor,
  hasOnlineBoutique,
  ONLINE_BOUTIQUE,
  RecordingConnection,
  RecordingLogger,
  RecordingTaskRunner,
  startClusters,
} from '../__testUtils__/testUtils';
import { KubernetesEntityProvider } from './KubernetesEntityProvider';

const SERVICES = [
  'adservice',
  'cartservice',
  'checkoutservice',
  'currencyservice',
  'emailservice',
  'frontend',
  'loadgenerator',
  'paymentservice',
  'productcatalogservice',
  'recommendationservice',
  'redis-cart',
  'shippingservice',
];

if (!hasOnlineBoutique) {
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the Online Boutique test: ${ONLINE_BOUTIQUE} is absent (CI keeps the shared fixtures beside the clone).`,
  );
}

(hasOnlineBoutique ? describe : describe.skip)(
  'KubernetesEntityProvider over Online Boutique',
  () => {
    let clusters: LoopbackCluster[];

    beforeAll(async () => {
      clusters = await startClusters({ boutique: ONLINE_BOUTIQUE });
    });

    afterAll(() => Promise.all(clusters.map(c => c.stop())));

    it('turns its 12 Deployments into 12 Components the Kubernetes tab can find', async () => {
      const [provider] = KubernetesEntityProvider.fromConfig(
        configFor(clusters, { pageSize: 5 }),
        {
          logger: new RecordingLogger(),
          schedule: new RecordingTaskRunner(),
          catalog: catalogServiceMock(),
          auth: mockServices.auth(),
        },
      );
      const connection = new RecordingConnection();
      await provider.connect(connection);
      const report = await provider.refresh();

      const entities = connection.entities();
      expect([...entities.keys()].sort()).toEqual(SERVICES);
      expect(entities.get('frontend')?.metadata.annotations).toMatchObject({
        'backstage.io/kubernetes-label-selector': 'app=frontend',
        'backstage.io/kubernetes-namespace': 'default',
        'ratchet.dev/needs-owner': 'true',
      });
      // No team labels anywhere: every service is ingested for triage rather than dropped.
      expect(report.unowned).toHaveLength(12);
      expect(
        report.unowned.every(
          u => u.emitted && u.owner === 'group:default/unassigned',
        ),
      ).toBe(true);
      expect(report.invalid).toEqual([]);
    });
  },
);
