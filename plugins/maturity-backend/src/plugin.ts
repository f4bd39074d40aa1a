import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { maturityPermissions } from '@ratchet/backstage-plugin-maturity-common';
import {
  FactSource,
  maturityFactSourcesExtensionPoint,
} from '@ratchet/backstage-plugin-maturity-node';
import { MaturityQueries } from './evaluation/results/DatabaseResultReader';
import { getMigratedClient } from './database/migrations';
import { DatabaseExemptionStore } from './exemptions/DatabaseExemptionStore';
import { ExemptionService } from './exemptions/ExemptionService';
import { scheduleExemptionExpiry } from './exemptions/scheduleExemptionExpiry';
import { DatabaseFactStore } from './facts/DatabaseFactStore';
import { createLevelDropNotifier } from './notifications/levelDropNotifier';
import { PushedFactSource } from './facts/push/PushedFactSource';
import { DatabaseResultStore } from './evaluation/results/DatabaseResultStore';
import { createRouter } from './router';
import {
  CatalogDefinitionProvider,
  DefinitionHashStore,
} from './evaluation/definitions/CatalogDefinitionProvider';
import { EvaluationService } from './evaluation/EvaluationService';
import { AttestationFactSource } from './facts/sources/attestation/AttestationFactSource';
import { CatalogFactSource } from './facts/sources/catalog/CatalogFactSource';
import { FactCollector } from './facts/FactCollector';
import { scheduleTasks } from './evaluation/tasks/scheduleTasks';

/**
 * The maturity backend plugin: facts → compiled checks → persisted results, history and levels, with the
 * REST API the Ratchet frontend and CI pipelines use.
 */
export const maturityPlugin = createBackendPlugin({
  pluginId: 'maturity',
  register(env) {
    const addedSources: FactSource[] = [];
    let started = false;
    env.registerExtensionPoint(maturityFactSourcesExtensionPoint, {
      addFactSource(...sources) {
        if (started) {
          throw new Error(
            'Fact sources must be added before the maturity plugin starts',
          );
        }
        addedSources.push(...sources);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        started = true;
        const { logger, auth, catalog } = deps;
        const db = await getMigratedClient({ database: deps.database });
        const facts = DatabaseFactStore.fromKnex(db);
        const results = DatabaseResultStore.fromKnex(db);
        const definitions = CatalogDefinitionProvider.create({
          catalog,
          auth,
          logger,
        });
        const exemptionStore = DatabaseExemptionStore.fromKnex(db);
        const evaluation = EvaluationService.create({
          facts,
          results,
          definitions,
          logger,
          exemptions: exemptionStore,
          onLevelDrops: createLevelDropNotifier({
            notifications: deps.notifications,
            definitions,
            logger,
          }),
        });
        const collector = new FactCollector({
          sources: [
            CatalogFactSource.create({ catalog, auth }),
            PushedFactSource.fromConfig(deps.config),
            new AttestationFactSource(),
            ...addedSources,
          ],
          facts,
          evaluation,
          logger,
        });

        const exemptions = ExemptionService.create({
          store: exemptionStore,
          evaluator: evaluation,
          definitions,
          logger,
        });
        await scheduleExemptionExpiry({
          scheduler: deps.scheduler,
          exemptions,
        });

        deps.permissionsRegistry.addPermissions(maturityPermissions);
        await scheduleTasks({
          scheduler: deps.scheduler,
          config: deps.config,
          logger,
          auth,
          catalog,
          facts,
          results,
          evaluation,
          collector,
          definitions,
          hashes: new DefinitionHashStore(db),
        });

        deps.httpRouter.use(
          await createRouter({
            logger,
            auth,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog,
            facts,
            results,
            definitions,
            evaluation,
            collector,
            exemptions,
            queries: new MaturityQueries(db),
          }),
        );
      },
    });
  },
});
