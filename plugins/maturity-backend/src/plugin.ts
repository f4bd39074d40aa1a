import {
  AuthService,
  coreServices,
  createBackendPlugin,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';
import {
  notificationService,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { maturityPermissions } from '@ratchet/backstage-plugin-maturity-common';
import {
  FactSource,
  maturityFactSourcesExtensionPoint,
} from '@ratchet/backstage-plugin-maturity-node';
import type { Knex } from 'knex';
import { CampaignNotifier } from './campaigns/CampaignNotifier';
import {
  CampaignService,
  ratchetedCampaigns,
} from './campaigns/CampaignService';
import { DatabaseCampaignStore } from './campaigns/DatabaseCampaignStore';
import { createCampaignRoutes } from './campaigns/routes';
import { scheduleCampaignTasks } from './campaigns/scheduleCampaignTasks';
import { getMigratedClient } from './database/migrations';
import {
  CatalogDefinitionProvider,
  DefinitionHashStore,
} from './evaluation/definitions/CatalogDefinitionProvider';
import { EvaluationService } from './evaluation/EvaluationService';
import { DatabaseResultReader } from './evaluation/results/DatabaseResultReader';
import { DatabaseResultStore } from './evaluation/results/DatabaseResultStore';
import {
  DEFINITIONS_TASK,
  scheduleTasks,
} from './evaluation/tasks/scheduleTasks';
import { withTimeRules } from './evaluation/time/TimedFactStore';
import { DatabaseExemptionStore } from './exemptions/DatabaseExemptionStore';
import { ExemptionService } from './exemptions/ExemptionService';
import { createExemptionRoutes } from './exemptions/routes';
import { scheduleExemptionExpiry } from './exemptions/scheduleExemptionExpiry';
import { DatabaseFactStore } from './facts/DatabaseFactStore';
import { FactCollector } from './facts/FactCollector';
import { FactIntake } from './facts/FactIntake';
import { PushedFactSource } from './facts/push/PushedFactSource';
import { createFactRoutes } from './facts/routes';
import { AttestationFactSource } from './facts/sources/attestation/AttestationFactSource';
import { CatalogFactSource } from './facts/sources/catalog/CatalogFactSource';
import { CatalogView } from './http/catalogView';
import { createLevelDropNotifier } from './notifications/levelDropNotifier';
import { DatabaseSendLog } from './notifications/sendLog';
import type { TransitionRecord } from './evaluation';
import { composeReadiness } from './readiness';
import { createRouter } from './router';
import {
  PushSourceAccess,
  readPushSourceAccess,
} from './permissions/pushSources';
import { createScorecardRoutes } from './scorecards';

/** The built-in fact sources: catalog (collected), pushed and attestation. */
export function builtInFactSources(options: {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
}): FactSource[] {
  return [
    CatalogFactSource.create(options),
    PushedFactSource.fromConfig(options.config),
    new AttestationFactSource(),
  ];
}

/**
 * The composition root: every capability built with exactly what it uses, wired so that data flows one
 * way — sources → facts → (onFactsChanged) evaluation → results → views → routes. The plugin's init and
 * the router tests build the plugin through it.
 */
export async function composeMaturity(options: {
  db: Knex;
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  sources: FactSource[];
  notifications?: NotificationService;
  userInfo?: UserInfoService;
  /** Which push sources each service may write (maturity.push.allowedSources). */
  pushAccess?: PushSourceAccess;
  /** Runs the definitions task now; without it, a campaign's ratchet reaches levels at the task's next run. */
  refreshDefinitions?: () => Promise<void>;
  now?: () => Date;
}) {
  const { db, logger, auth, httpAuth, permissions, catalog, now } = options;
  // Derived time facts and max ages (maturity.sources.pushed.derived / .maxAge) apply on every read.
  const facts = withTimeRules(
    DatabaseFactStore.fromKnex(db),
    options.sources.flatMap(s =>
      s instanceof PushedFactSource ? [s.timeRules] : [],
    ),
    now,
  );
  const results = DatabaseResultStore.fromKnex(db);
  const campaignStore = DatabaseCampaignStore.fromKnex(db);
  const definitions = CatalogDefinitionProvider.create({
    catalog,
    auth,
    logger,
    // The ratchet: completed campaigns' checks join their promoteTo scorecard level.
    ratcheted: () => ratchetedCampaigns(campaignStore),
  });
  const exemptionStore = DatabaseExemptionStore.fromKnex(db, { now });
  const campaigns = CampaignService.create({
    store: campaignStore,
    results,
    definitions,
    facts,
    logger,
    now,
    // The scorecard's checks change on completion (or re-opening): the definitions task re-evaluates a
    // definition whose hash changed, so it is run now rather than within the minute.
    onCompletion: async () => {
      definitions.invalidate();
      await options.refreshDefinitions?.().catch(error =>
        logger.info('The ratchet waits for the next definitions run', {
          error: String(error),
        }),
      );
    },
  });
  const sendLog = DatabaseSendLog.fromKnex(db, { now });
  const campaignNotifier = CampaignNotifier.create({
    store: campaignStore,
    sendLog,
    // Without a notification service (tests) nothing is delivered; the send log still records cycles.
    notifications: options.notifications ?? { send: async () => {} },
    logger,
    now,
  });
  const readinessResults: {
    current?: (transitions: TransitionRecord[]) => Promise<void>;
  } = {};
  const evaluation = EvaluationService.create({
    facts,
    results,
    definitions,
    logger,
    exemptions: exemptionStore,
    now,
    // Campaign progress is precomputed from every write of results, within the same evaluation.
    onResultsChanged: async change => {
      // Automatic readiness answers follow the checks that answer them (readiness is built below).
      await readinessResults.current?.(change.transitions);
      await campaigns.resultsWritten(change);
      await campaignNotifier.alertRegressions(
        await campaigns.campaigns(),
        change.transitions,
      );
    },
    onLevelDrops: options.notifications
      ? createLevelDropNotifier({
          notifications: options.notifications,
          definitions,
          logger,
        })
      : undefined,
  });
  const intake = new FactIntake({
    facts,
    onFactsChanged: entityRefs => evaluation.evaluateEntities(entityRefs),
    sources: options.sources,
  });
  const collector = new FactCollector({
    sources: options.sources,
    intake,
    logger,
  });
  const exemptions = ExemptionService.create({
    store: exemptionStore,
    evaluator: evaluation,
    definitions,
    logger,
    now,
  });

  const view = new CatalogView(catalog);
  const readiness = composeReadiness({
    db,
    catalog,
    auth,
    httpAuth,
    permissions,
    userInfo: options.userInfo,
    view,
    logger,
    entityResults: entityRef => results.getResultsForEntity(entityRef),
    resultReader: new DatabaseResultReader(db),
    writeFacts: writes => intake.write(writes),
    sendLog,
    notifications: options.notifications,
    now,
  });
  readinessResults.current = readiness.resultsChanged;
  const factRoutes = createFactRoutes({
    httpAuth,
    permissions,
    logger,
    catalog,
    intake,
    sources: collector.sources(),
    pushAccess: options.pushAccess,
  });
  const router = await createRouter({
    push: factRoutes.push,
    routes: [
      createScorecardRoutes({
        httpAuth,
        permissions,
        view,
        definitions,
        results,
        queries: new DatabaseResultReader(db),
        exemptions,
        evaluation,
        collector,
      }),
      createExemptionRoutes({ httpAuth, permissions, view, exemptions }),
      createCampaignRoutes({
        httpAuth,
        permissions,
        view,
        campaigns,
        store: campaignStore,
        notifier: campaignNotifier,
        now,
      }),
      readiness.routes,
      factRoutes.routes,
    ],
  });
  /** Forgets entities gone from the catalog: their facts, results and levels, and their campaign targets. */
  const removeEntities = async (entityRefs: string[]) => {
    await facts.deleteEntities(entityRefs);
    await results.deleteEntities(entityRefs);
    await campaigns.resultsWritten({ entityRefs });
  };

  return {
    facts,
    results,
    removeEntities,
    definitions,
    evaluation,
    collector,
    exemptions,
    campaigns,
    campaignNotifier,
    sendLog,
    readiness,
    router,
  };
}

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
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        started = true;
        const { config, logger, auth, catalog, scheduler } = deps;
        const db = await getMigratedClient({ database: deps.database });
        const maturity = await composeMaturity({
          db,
          logger,
          auth,
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          catalog,
          notifications: deps.notifications,
          userInfo: deps.userInfo,
          pushAccess: readPushSourceAccess(config),
          refreshDefinitions: () => scheduler.triggerTask(DEFINITIONS_TASK),
          sources: [
            ...builtInFactSources({ config, catalog, auth }),
            ...addedSources,
          ],
        });

        await scheduleExemptionExpiry({
          scheduler,
          exemptions: maturity.exemptions,
        });
        deps.permissionsRegistry.addPermissions(maturityPermissions);
        await maturity.readiness.register({
          permissionsRegistry: deps.permissionsRegistry,
          scheduler,
          config,
        });
        await scheduleTasks({
          scheduler,
          config,
          logger,
          auth,
          catalog,
          facts: maturity.facts,
          results: maturity.results,
          removeEntities: maturity.removeEntities,
          evaluation: maturity.evaluation,
          collector: maturity.collector,
          definitions: maturity.definitions,
          hashes: new DefinitionHashStore(db),
          db,
        });
        await scheduleCampaignTasks({
          scheduler,
          config,
          logger,
          campaigns: maturity.campaigns,
          notifier: maturity.campaignNotifier,
          sendLog: maturity.sendLog,
        });
        deps.httpRouter.use(maturity.router);
      },
    });
  },
});
