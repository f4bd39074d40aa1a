import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { RatchetKindsProcessor } from './processor';
import { knownSourceSchemas } from './processor/definitionWarnings';

/** Adds the Scorecard, Campaign and Checklist kinds to the catalog: validation and ownership relations. */
export const catalogModuleMaturityKinds = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'maturity-kinds',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(
          new RatchetKindsProcessor({
            sourceSchemas: knownSourceSchemas(config),
          }),
        );
      },
    });
  },
});
