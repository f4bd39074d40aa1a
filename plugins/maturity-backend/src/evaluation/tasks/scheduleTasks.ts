import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { AuthService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactStore } from '../../facts/FactStore';
import type { ResultStore } from '../results/ResultStore';
import type {
  CatalogDefinitionProvider,
  DefinitionHashStore,
} from '../definitions/CatalogDefinitionProvider';
import type { EvaluationService } from '../EvaluationService';
import type { FactCollector } from '../../facts/FactCollector';
import { dayOf, snapshotDay, snapshotTodayIfMissing } from './snapshotToday';
import { CatalogChangePoller } from './CatalogChangePoller';
import { ResumableSweep } from './resumableSweep';

const DEFAULTS: Record<
  'sweep' | 'sweepSteps' | 'definitions' | 'catalogFacts' | 'catalogChanges',
  SchedulerServiceTaskScheduleDefinition
> = {
  // Starts a sweep: catalog housekeeping (one catalog stream) and the first step, so minutes at most.
  sweep: {
    frequency: { hours: 6 },
    timeout: { minutes: 3 },
    initialDelay: { minutes: 2 },
  },
  // A step evaluates chunks for 10 s under a 20 s lease; the timeout only bounds a stuck step.
  sweepSteps: {
    frequency: { seconds: 5 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 30 },
  },
  definitions: {
    frequency: { minutes: 1 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 20 },
  },
  catalogFacts: {
    frequency: { minutes: 5 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 10 },
  },
  // Seconds, not minutes: a new or changed entity gets its results without waiting for catalogFacts.
  catalogChanges: {
    frequency: { seconds: 5 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 15 },
  },
};

function schedule(config: RootConfigService, key: keyof typeof DEFAULTS) {
  const path = `maturity.schedules.${key}`;
  return config.has(path)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(path),
      )
    : DEFAULTS[key];
}

const daysAgo = (days: number) =>
  dayOf(new Date(Date.now() - days * 86_400_000));

/** The task that re-evaluates definitions whose YAML (or ratchet) changed. */
export const DEFINITIONS_TASK = 'maturity-definitions';

/**
 * Schedules the engine's work with `scope: 'global'`: with several backend replicas on one database, each
 * run happens on exactly one of them.
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  facts: FactStore;
  results: ResultStore;
  /** Forgets entities gone from the catalog (facts, results, campaign targets). */
  removeEntities: (entityRefs: string[]) => Promise<void>;
  evaluation: EvaluationService;
  collector: FactCollector;
  definitions: CatalogDefinitionProvider;
  hashes: DefinitionHashStore;
  /** The plugin's database, for the sweep's progress and lease. */
  db: Knex;
}) {
  const { scheduler, config, logger } = options;

  for (const source of options.collector.collectedSources()) {
    const sourceSchedule =
      source.id === 'catalog'
        ? schedule(config, 'catalogFacts')
        : source.schedule;
    if (!source.collect || !sourceSchedule) continue;
    await scheduler.scheduleTask({
      id: `maturity-facts-${source.id}`,
      scope: 'global',
      ...sourceSchedule,
      fn: async signal => {
        await options.collector.collect(source.id, { signal });
        await snapshotTodayIfMissing({ results: options.results, logger });
      },
    });
  }

  const poller = CatalogChangePoller.create({
    catalog: options.catalog,
    auth: options.auth,
    facts: options.facts,
    collector: options.collector,
    removeEntities: options.removeEntities,
    logger,
  });
  await scheduler.scheduleTask({
    id: 'maturity-catalog-changes',
    scope: 'global',
    ...schedule(config, 'catalogChanges'),
    fn: async signal => {
      const { changed } = await poller.poll(signal);
      // Levels written by the evaluation already moved today's snapshot rows; this covers a day with none.
      if (changed.length) {
        await snapshotTodayIfMissing({ results: options.results, logger });
      }
    },
  });

  await scheduler.scheduleTask({
    id: DEFINITIONS_TASK,
    scope: 'global',
    ...schedule(config, 'definitions'),
    fn: async () => {
      options.definitions.invalidate();
      const definitions = await options.definitions.getDefinitions();
      const changed = await options.hashes.changedSince(definitions);
      if (!changed.length) return;
      const summary = await options.evaluation.evaluateDefinitions(changed);
      await options.hashes.markEvaluated(definitions, changed);
      const changedSet = new Set(changed);
      const scorecardRefs = definitions
        .filter(d => d.kind === 'Scorecard' && changedSet.has(d.ref))
        .map(d => d.ref);
      if (scorecardRefs.length) {
        await snapshotTodayIfMissing({
          results: options.results,
          logger,
          scorecardRefs,
        });
      }
      logger.info('Re-evaluated changed definitions', {
        definitions: changed.join(', '),
        evaluations: summary.evaluations,
      });
    },
  });

  const retention = config.getOptionalConfig('maturity.retention');
  const sweep = new ResumableSweep({
    db: options.db,
    logger,
    listEntityRefs: () => options.facts.listEntityRefs(),
    evaluate: refs => options.evaluation.evaluateEntities(refs),
    finish: async () => {
      // Always, not only when missing: the day's snapshot then holds the levels of its latest sweep.
      await snapshotDay({
        results: options.results,
        logger,
        day: dayOf(new Date()),
      });
      await options.facts.pruneChanges({
        maxAge: {
          days: retention?.getOptionalNumber('factChanges.days') ?? 90,
        },
        maxPerEntitySource:
          retention?.getOptionalNumber('factChanges.perEntitySource') ?? 100,
      });
      await options.results.pruneTransitions({
        maxAge: {
          days: retention?.getOptionalNumber('transitions.days') ?? 365,
        },
      });
      await options.results.pruneSnapshots(
        daysAgo(retention?.getOptionalNumber('snapshots.days') ?? 365),
      );
    },
  });
  await scheduler.scheduleTask({
    id: 'maturity-sweep',
    scope: 'global',
    ...schedule(config, 'sweep'),
    fn: async () => {
      // Entities gone from the catalog lose their facts and results: nothing grows without bound.
      const credentials = await options.auth.getOwnServiceCredentials();
      const live = new Set<string>();
      for await (const page of options.catalog.streamEntities(
        { fields: ['kind', 'metadata.name', 'metadata.namespace'] },
        { credentials },
      )) {
        for (const entity of page) live.add(stringifyEntityRef(entity));
      }
      const removed = await options.facts.retainOnly(live);
      if (removed.length) await options.removeEntities(removed);
      logger.info('Maturity housekeeping done', {
        removedEntities: removed.length,
      });
      // The evaluation itself runs in short resumable steps (below); the first one starts at once.
      await sweep.start();
      await sweep.step();
    },
  });
  // Local on purpose: every replica offers a step every few seconds and the sweep's own lease (20 s,
  // renewed per chunk) lets one work at a time. A global task would stay locked by a killed replica
  // until its timeout and the scheduler janitor (up to a minute more) freed it.
  await scheduler.scheduleTask({
    id: 'maturity-sweep-steps',
    scope: 'local',
    ...schedule(config, 'sweepSteps'),
    fn: async () => {
      await sweep.step();
    },
  });
}
