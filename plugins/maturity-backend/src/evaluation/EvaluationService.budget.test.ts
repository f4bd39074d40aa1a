import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import type { FactWrite } from '../facts/FactStore';
import { DatabaseResultStore } from './results/DatabaseResultStore';
import type { ResultStore } from './results/ResultStore';
import { compileDefinitions } from './definitions/compileDefinitions';
import { EvaluationService } from './EvaluationService';
import { componentFacts, testScorecard } from './definitions/testDefinitions';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const SCORECARD = 'scorecard:default/basics';
/** The test scorecard has 3 checks: every Component gets 3 result rows. */
const ROWS_PER_COMPONENT = 3;

const ref = (i: number) =>
  `component:default/svc-${String(i).padStart(3, '0')}`;

/** What one applyResults call carried. */
interface Call {
  rows: number;
  scope: string[];
  writtenEntities: Set<string>;
}

/** The real store, recording the size and scope of every applyResults; everything else is delegated. */
function recording(store: ResultStore, calls: Call[]): ResultStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'applyResults' || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (...args: Parameters<ResultStore['applyResults']>) => {
        const [writes, options] = args;
        calls.push({
          rows: writes.length,
          scope: options?.scope?.entityRefs ?? [],
          writtenEntities: new Set(writes.map(w => w.entityRef)),
        });
        return target.applyResults(...args);
      };
    },
  });
}

/** Components that pass every check (level silver). */
function componentWrites(count: number): FactWrite[] {
  return Array.from({ length: count }, (_, i): FactWrite[] => [
    { entityRef: ref(i), source: 'catalog', facts: componentFacts(`svc-${i}`) },
    { entityRef: ref(i), source: 'pushed', facts: { errorRate: 0.001 } },
  ]).flat();
}

async function setup(
  databaseId: Parameters<typeof databases.init>[0],
  resultsPerTransaction: number,
) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  const facts = DatabaseFactStore.fromKnex(knex);
  const results = DatabaseResultStore.fromKnex(knex);
  const calls: Call[] = [];
  const evaluation = EvaluationService.create({
    facts,
    results: recording(results, calls),
    logger: mockServices.logger.mock(),
    definitions: {
      getDefinitions: async () => compileDefinitions([testScorecard]),
    },
    resultsPerTransaction,
  });
  return { facts, results, evaluation, calls };
}

describe.each(databases.eachSupportedId())(
  'EvaluationService result budget, %p',
  databaseId => {
    it('writes a sweep over more entities than one budget in transactions within it', async () => {
      const { facts, results, evaluation, calls } = await setup(databaseId, 10);
      await facts.writeFacts(componentWrites(25));

      const summary = await evaluation.sweep();

      expect(summary).toMatchObject({
        entities: 25,
        evaluations: 25 * ROWS_PER_COMPONENT,
        written: 25 * ROWS_PER_COMPONENT,
        transitions: 25 * ROWS_PER_COMPONENT,
      });
      // 10 rows hold 3 entities of 3 rows; 25 entities take 9 transactions, none over the budget.
      expect(calls.map(c => c.rows)).toEqual([9, 9, 9, 9, 9, 9, 9, 9, 3]);
      // Every entity is in exactly one scope, with all of its rows in that same transaction.
      const scoped = calls.flatMap(c => c.scope);
      expect(scoped.sort()).toEqual(
        Array.from({ length: 25 }, (_, i) => ref(i)),
      );
      for (const call of calls) {
        expect([...call.writtenEntities].sort()).toEqual(
          [...call.scope].sort(),
        );
      }
      const levels = await results.getLevels({ scorecardRef: SCORECARD });
      expect(levels).toHaveLength(25);
      expect(new Set(levels.map(l => l.level))).toEqual(new Set(['silver']));
      for (const i of [0, 12, 24]) {
        expect(await results.getResultsForEntity(ref(i))).toHaveLength(
          ROWS_PER_COMPONENT,
        );
      }

      // A second sweep changes nothing, in the same transactions.
      calls.length = 0;
      expect(await evaluation.sweep()).toMatchObject({
        written: 0,
        transitions: 0,
      });
      expect(calls.every(c => c.rows <= 10)).toBe(true);
    });

    it('gives an entity with more rows than the budget a transaction of its own', async () => {
      const { facts, results, evaluation, calls } = await setup(databaseId, 2);
      await facts.writeFacts(componentWrites(4));

      await evaluation.sweep();

      expect(calls.map(c => [c.rows, c.scope])).toEqual(
        [0, 1, 2, 3].map(i => [ROWS_PER_COMPONENT, [ref(i)]]),
      );
      expect(await results.getLevels({ scorecardRef: SCORECARD })).toHaveLength(
        4,
      );
    });

    it('still removes results the definition no longer applies to, whichever transaction covers the entity', async () => {
      const { facts, results, evaluation, calls } = await setup(databaseId, 10);
      await facts.writeFacts(componentWrites(25));
      await evaluation.sweep();
      // Entity 20 stops being a Component; its transaction then carries no rows of it, only its scope.
      await facts.writeFacts([
        {
          entityRef: ref(20),
          source: 'catalog',
          facts: { ...componentFacts('svc-20'), kind: 'Resource' },
        },
      ]);
      calls.length = 0;

      const summary = await evaluation.evaluateDefinitions([SCORECARD]);

      expect(summary).toMatchObject({ entities: 25, written: 0 });
      expect(await results.getResultsForEntity(ref(20))).toEqual([]);
      expect(await results.getResultsForEntity(ref(21))).toHaveLength(
        ROWS_PER_COMPONENT,
      );
      expect(calls.every(c => c.rows <= 10)).toBe(true);
      expect(calls.flatMap(c => c.scope)).toContain(ref(20));
    });
  },
);
