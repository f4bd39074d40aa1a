import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { RatchetKindsProcessor } from './processor';

/** Adds the Scorecard, Campaign and Checklist kinds to the catalog: validation and ownership relations. */
export const catalogModuleMaturityKinds = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'maturity-kinds',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new RatchetKindsProcessor());
      },
    });
  },
});
