import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { durationToMilliseconds } from '@backstage/types';
import { kubernetesClusterAccessServiceRef } from '@ratchet/backstage-plugin-kubernetes-node';
import { maturityFactSourcesExtensionPoint } from '@ratchet/backstage-plugin-maturity-node';
import { KubernetesFactSource } from './KubernetesFactSource';

/** Maturity module: the `kubernetes` fact source over the clusters Backstage's Kubernetes locators find. */
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
        access: kubernetesClusterAccessServiceRef,
        factSources: maturityFactSourcesExtensionPoint,
      },
      async init({ config, logger, auth, catalog, access, factSources }) {
        const own = config.getOptionalConfig('maturity.kubernetes');
        if (!config.has('kubernetes.clusterLocatorMethods')) {
          logger.warn(
            'Kubernetes facts: no kubernetes.clusterLocatorMethods, so no cluster to read',
          );
        }
        factSources.addFactSource(
          KubernetesFactSource.create({
            access,
            clusters: own?.getOptionalStringArray('clusters'),
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
