import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { kubernetesClusterAccessServiceRef } from '@ratchet/backstage-plugin-kubernetes-node';
import { kubernetesPreviewPermission } from './permissions';
import { KubernetesEntityProvider } from './provider/KubernetesEntityProvider';
import { createPreviewRouter } from './router';

/** Catalog module: one Kubernetes entity provider per `catalog.providers.kubernetes.<id>`, plus the preview route. */
export const catalogModuleKubernetesEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kubernetes-entity-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        access: kubernetesClusterAccessServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        catalog,
        access,
        processing,
      }) {
        const providers = KubernetesEntityProvider.fromConfig(config, {
          logger,
          scheduler,
          catalog,
          auth,
          access,
        });
        processing.addEntityProvider(providers);
        permissionsRegistry.addPermissions([kubernetesPreviewPermission]);
        httpRouter.use(
          createPreviewRouter({ providers, httpAuth, permissions }),
        );
      },
    });
  },
});
