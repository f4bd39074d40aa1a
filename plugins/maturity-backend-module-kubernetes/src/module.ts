import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  readKubernetesClusters,
  selectKubernetesClusters,
} from '@ratchet/backstage-plugin-catalog-backend-module-kubernetes';
import { maturityFactSourcesExtensionPoint } from '@ratchet/backstage-plugin-maturity-node';
import { KubernetesFactSource } from './KubernetesFactSource';

/** Maturity module: the `kubernetes` fact source over the clusters of `kubernetes.clusterLocatorMethods`. */
export const maturityModuleKubernetesFacts = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'kubernetes-facts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        factSources: maturityFactSourcesExtensionPoint,
      },
      async init({ config, logger, auth, catalog, factSources }) {
        const own = config.getOptionalConfig('maturity.kubernetes');
        const clusters = selectKubernetesClusters(
          readKubernetesClusters(config),
          own?.getOptionalStringArray('clusters'),
          'maturity.kubernetes.clusters',
          (cluster, reason) =>
            logger.warn(
              `Kubernetes facts skip cluster '${cluster.name}': ${reason}`,
            ),
        );
        if (clusters.length === 0) {
          logger.warn(
            'Kubernetes facts: no serviceAccount cluster in kubernetes.clusterLocatorMethods',
          );
        }
        factSources.addFactSource(
          KubernetesFactSource.create({
            clusters,
            catalog,
            auth,
            logger,
            schedule: own?.has('schedule')
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  own.getConfig('schedule'),
                )
              : undefined,
            pageSize: own?.getOptionalNumber('pageSize'),
            concurrency: own?.getOptionalNumber('concurrency'),
            requestTimeoutMs: own?.has('requestTimeout')
              ? durationToMilliseconds(
                  readDurationFromConfig(own, { key: 'requestTimeout' }),
                )
              : undefined,
          }),
        );
      },
    });
  },
});
