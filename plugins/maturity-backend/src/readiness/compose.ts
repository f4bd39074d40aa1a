import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SendLog } from '../notifications/sendLog';
import { ownersOf } from './permissionRules';
import { sendReadinessReminders } from './reminders';
import type { Knex } from 'knex';
import type {
  ResultReader,
  StoredCheckResult,
  TransitionRecord,
} from '../evaluation';
import type { CatalogView } from '../http/catalogView';
import { ChecklistCatalog } from './ChecklistCatalog';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { checkKey } from './model';
import {
  readinessResourceRef,
  readinessRules,
  ReadinessResource,
} from './permissionRules';
import { AttestationWriter, ReadinessService } from './ReadinessService';
import { createReadinessRoutes } from './routes';

/** Builds the readiness capability: store, service and routes, from what it may use of the others. */
export function composeReadiness(options: {
  db: Knex;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo?: UserInfoService;
  view: CatalogView;
  logger: LoggerService;
  /** Evaluation's read interfaces. */
  entityResults: (entityRef: string) => Promise<StoredCheckResult[]>;
  resultReader: Pick<ResultReader, 'checkStatuses'>;
  /** The facts capability's single intake. */
  writeFacts: AttestationWriter;
  /** Reminders: claimed in the shared send log, delivered through Notifications. */
  sendLog?: SendLog;
  notifications?: NotificationService;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  const store = DatabaseReadinessStore.fromKnex(options.db, { now });
  const checklists = new ChecklistCatalog({
    catalog: options.catalog,
    auth: options.auth,
  });
  const service = ReadinessService.create({
    store,
    checklists,
    results: options.entityResults,
    writeFacts: options.writeFacts,
    now,
  });
  // Without a user info service (tests of other capabilities), a user's only claim is their own ref.
  const userInfo: UserInfoService = options.userInfo ?? {
    getUserInfo: async credentials => {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return { userEntityRef, ownershipEntityRefs: [userEntityRef] };
    },
  };
  const routes = createReadinessRoutes({
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    view: options.view,
    readiness: service,
    userInfo,
    views: { store, checklists, results: options.resultReader, now },
  });

  /** Automatic answers follow their checks: sync entities (with a record) whose answering check flipped. */
  async function resultsChanged(
    transitions: readonly TransitionRecord[],
  ): Promise<void> {
    const models = await checklists.all();
    const answering = new Set(
      models.flatMap(m =>
        [...m.items.values()].flatMap(i =>
          i.checkDefinitionRef && i.answeredBy
            ? [checkKey(i.checkDefinitionRef, i.answeredBy.check)]
            : [],
        ),
      ),
    );
    const entityRefs = [
      ...new Set(
        transitions
          // A first result is no flip: automatic answers are read live; only changes are stored and audited.
          .filter(
            t =>
              t.fromStatus !== null &&
              answering.has(checkKey(t.definitionRef, t.checkId)),
          )
          .map(t => t.entityRef),
      ),
    ];
    await syncEntities(entityRefs);
  }

  async function syncEntities(entityRefs: string[]): Promise<number> {
    let synced = 0;
    if (entityRefs.length === 0) return synced;
    const records = await store.listRecords(entityRefs);
    for (const record of records) {
      const checklist = await checklists.byRef(record.checklistRef);
      if (!checklist) continue;
      const [state, results] = await Promise.all([
        store.getState(record.entityRef, checklist.ref),
        options.entityResults(record.entityRef),
      ]);
      const loaded = {
        entityRef: record.entityRef,
        checklist,
        state,
        statuses: new Map(
          results.map(r => [checkKey(r.definitionRef, r.checkId), r.status]),
        ),
      };
      const after = await service.syncAutomatic(loaded);
      // Rewritten even without flips: `expired` in the facts moves with the clock.
      if (after === loaded) await service.refreshFacts(loaded);
      synced += 1;
    }
    return synced;
  }

  /** The owner of each entity (of those given) that has one. */
  async function owners(entityRefs: string[]): Promise<Map<string, string>> {
    const { items } = await options.catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'spec.owner',
          'relations',
        ],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const found = new Map<string, string>();
    items.forEach((entity, i) => {
      const owner = entity && ownersOf(entity)[0];
      if (owner) found.set(entityRefs[i], owner);
    });
    return found;
  }

  /** Sends the due readiness reminders once (see sendReadinessReminders). */
  async function remind(reviewWaitDays: number) {
    if (!options.sendLog || !options.notifications) return undefined;
    return sendReadinessReminders({
      store,
      checklists,
      owners,
      sendLog: options.sendLog,
      notifications: options.notifications,
      logger: options.logger,
      now: now(),
      reviewWaitDays,
    });
  }

  /** Registers the readiness rules (catalog-entity, applied by this plugin) and the daily refresh. */
  async function register(deps: {
    permissionsRegistry: PermissionsRegistryService;
    scheduler: SchedulerService;
    config?: Config;
  }) {
    const reviewWaitDays =
      deps.config?.getOptionalNumber(
        'maturity.readiness.reminders.reviewWaitDays',
      ) ?? 3;
    deps.permissionsRegistry.addResourceType({
      resourceRef: readinessResourceRef,
      rules: Object.values(readinessRules),
      getResources: async refs => {
        const { items } = await options.catalog.getEntitiesByRefs(
          { entityRefs: refs },
          { credentials: await options.auth.getOwnServiceCredentials() },
        );
        return Promise.all(
          items.map(
            async (entity): Promise<ReadinessResource | undefined> =>
              entity
                ? {
                    entity,
                    reviewersGroup: (
                      await checklists.forEntity(entity).catch(() => undefined)
                    )?.reviewersGroup,
                  }
                : undefined,
          ),
        );
      },
    });
    await deps.scheduler.scheduleTask({
      id: 'maturity-readiness-refresh',
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 2 },
      scope: 'global',
      fn: async () => {
        const refs = (await store.listRecords()).map(r => r.entityRef);
        const synced = await syncEntities(refs);
        options.logger.info('Readiness records refreshed', { synced });
      },
    });
    await deps.scheduler.scheduleTask({
      id: 'maturity-readiness-reminders',
      frequency: { hours: 1 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 5 },
      scope: 'global',
      fn: async () => {
        const sent = await remind(reviewWaitDays);
        if (sent) options.logger.info('Readiness reminders sent', { ...sent });
      },
    });
  }

  return {
    store,
    service,
    checklists,
    routes,
    resultsChanged,
    syncEntities,
    register,
  };
}
