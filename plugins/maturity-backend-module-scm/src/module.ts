import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { maturityFactSourcesExtensionPoint } from '@ratchet/backstage-plugin-maturity-node';
import { readScmSettings } from './config';
import { ScmFactSource } from './ScmFactSource';

/** Maturity module: the `scm` fact source over the repositories of `integrations` (read with UrlReader). */
export const maturityModuleScmFacts = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'scm-facts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        factSources: maturityFactSourcesExtensionPoint,
      },
      async init({ config, logger, auth, urlReader, catalog, factSources }) {
        const settings = readScmSettings(config);
        factSources.addFactSource(
          ScmFactSource.create({
            settings,
            urlReader,
            integrations: ScmIntegrations.fromConfig(config),
            catalog,
            auth,
            logger,
          }),
        );
      },
    });
  },
});
