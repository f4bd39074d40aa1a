import type {
  SchedulerServiceTaskFunction,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { applyDatabaseMigrations } from '../../database/migrations';
import { DatabaseFactStore } from '../../facts/DatabaseFactStore';
import { DatabaseResultStore } from '../results/DatabaseResultStore';
import {
  CatalogDefinitionProvider,
  DefinitionHashStore,
} from '../definitions/CatalogDefinitionProvider';
import { EvaluationService } from '../EvaluationService';
import { componentFacts, testScorecard } from '../definitions/testDefinitions';
import { CatalogFactSource } from '../../facts/sources/catalog/CatalogFactSource';
import { FactCollector } from '../../facts/FactCollector';
import { FactIntake } from '../../facts/FactIntake';
import { scheduleTasks } from './scheduleTasks';
import { dayOf } from './snapshotToday';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const SC = 'scorecard:default/basics';
const SERVICE = 'component:default/payments';

const catalogEntities: Entity[] = [
  testScorecard,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/payments' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

/** Schedules the plugin's tasks on a scheduler that only records them; returns them to run by id. */
async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth();
  const catalog = catalogServiceMock({ entities: catalogEntities });
  const facts = DatabaseFactStore.fromKnex(knex);
  const results = DatabaseResultStore.fromKnex(knex);
  const definitions = CatalogDefinitionProvider.create({
    catalog,
    auth,
    logger,
  });
  const evaluation = EvaluationService.create({
    facts,
    results,
    definitions,
    logger,
  });
  const tasks = new Map<string, SchedulerServiceTaskFunction>();
  await scheduleTasks({
    scheduler: mockServices.scheduler.mock({
      scheduleTask: async (
        task: SchedulerServiceTaskScheduleDefinition &
          SchedulerServiceTaskInvocationDefinition,
      ) => {
        tasks.set(task.id, task.fn);
      },
    }),
    config: mockServices.rootConfig({ data: {} }),
    logger,
    auth,
    catalog,
    facts,
    results,
    removeEntities: async refs => {
      await facts.deleteEntities(refs);
      await results.deleteEntities(refs);
    },
    evaluation,
    collector: new FactCollector({
      sources: [CatalogFactSource.create({ catalog, auth })],
      intake: new FactIntake({
        facts,
        onFactsChanged: refs => evaluation.evaluateEntities(refs),
      }),
      logger,
    }),
    definitions,
    hashes: new DefinitionHashStore(knex),
    db: knex,
  });
  const run = async (id: string) => {
    const fn = tasks.get(id);
    if (!fn) throw new Error(`no task ${id}; scheduled: ${[...tasks.keys()]}`);
    await fn(new AbortController().signal);
  };
  const todaysSnapshot = async () =>
    (await results.getLevelHistory(SERVICE, SC, dayOf(new Date()))).map(
      s => s.level,
    );
  return { facts, results, run, todaysSnapshot };
}

describe.each(databases.eachSupportedId())(
  'scheduleTasks level snapshots, %p',
  databaseId => {
    it('takes the snapshot of today after the first fact collection, and the sweep refreshes it', async () => {
      const { facts, results, run, todaysSnapshot } = await setup(databaseId);
      expect(await todaysSnapshot()).toEqual([]);

      await run('maturity-facts-catalog');

      const levelNow = async () =>
        (await results.getLevels({ scorecardRef: SC, entityRefs: [SERVICE] }))
          .map(l => l.level)
          .join();
      // An owner and a repository, but no error rate pushed yet: bronze.
      expect(await levelNow()).toBe('bronze');
      expect(await todaysSnapshot()).toEqual(['bronze']);

      // The error rate arrives (stored, not yet evaluated); a later collection leaves today's snapshot alone.
      await facts.writeFacts([
        { entityRef: SERVICE, source: 'pushed', facts: { errorRate: 0.001 } },
      ]);
      await run('maturity-facts-catalog');
      expect(await todaysSnapshot()).toEqual(['bronze']);

      // The sweep evaluates it and replaces today's snapshot with the levels it computed.
      await run('maturity-sweep');
      expect(await levelNow()).toBe('silver');
      expect(await todaysSnapshot()).toEqual(['silver']);
    });

    it('takes the snapshot of today after the first evaluation of a new scorecard', async () => {
      const { facts, results, run, todaysSnapshot } = await setup(databaseId);
      // Facts stored earlier (say, before the Scorecard was registered), never evaluated against it.
      await facts.writeFacts([
        {
          entityRef: SERVICE,
          source: 'catalog',
          facts: componentFacts('payments'),
        },
      ]);

      await run('maturity-definitions');

      const [current] = await results.getLevels({
        scorecardRef: SC,
        entityRefs: [SERVICE],
      });
      expect(current.level).toBe('bronze');
      expect(await todaysSnapshot()).toEqual(['bronze']);
    });
  },
);
