import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DefaultKubernetesClusterAccess,
  KubernetesClusterAccess,
} from './cluster/clusters';

/**
 * Cluster access for background readers (Ratchet's entity provider and fact source). The default factory
 * uses Backstage's cluster suppliers and auth strategies; to add a custom strategy, install your own
 * factory for this ref calling `DefaultKubernetesClusterAccess.create({ …, authStrategies })`.
 */
export const kubernetesClusterAccessServiceRef =
  createServiceRef<KubernetesClusterAccess>({
    id: 'ratchet.kubernetes.cluster-access',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        factory: deps => DefaultKubernetesClusterAccess.create(deps),
      }),
  });
