/*
 * Killing the process mid-sweep leaves every entity's results either all old or all new, never torn, and
 * its level either the old one or the one its results give; the next sweep repairs the rest. The sweep runs
 * in a child process that is SIGKILLed (no cleanup, no rollback by the client: PostgreSQL must discard the
 * open transaction when the connection drops).
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { DatabaseResultStore } from '../evaluation/results/DatabaseResultStore';
import { computeLevel } from '../evaluation/results/levels';
import { EvaluationService } from '../evaluation/EvaluationService';
import {
  createTestDatabase,
  POSTGRES_ENV,
  postgresUrl,
  TestDatabase,
} from './postgres';
import {
  definitions,
  ENTITY_COUNT,
  entityRef,
  expectedLevel,
  expectedStatuses,
  factWrites,
  SCORECARD_REF,
  scorecard,
} from './sweepFixture';
import { silentLogger, spawnChild } from './processes';

jest.setTimeout(60_000);

/** Spawns the sweeping child and SIGKILLs it as soon as it announces `killAt` on stdout. */
function sweepAndKill(
  url: string,
  killAt: string,
): Promise<{ killed: boolean; output: string }> {
  const child = spawnChild(path.join(__dirname, 'sweepChild.ts'), [url]);
  let output = '';
  let killed = false;
  child.stdout.on('data', (data: Buffer) => {
    output += data.toString();
    if (!killed && output.split('\n').includes(killAt)) {
      killed = child.kill('SIGKILL');
    }
  });
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve({ killed, output }));
  });
}

interface ResultRow {
  entity_ref: string;
  check_id: string;
  status: string;
  message: string;
}

interface LevelRow {
  entity_ref: string;
  level: string | null;
  level_index: number;
}

type Verdict = { generation: 1 | 2 } | { torn: string };

/** Which generation an entity's results are from, or why they are torn. */
function judgeResults(rows: ResultRow[]): Verdict {
  const generations = new Set(
    rows.map(r => /generation (\d+)/.exec(r.message)?.[1]),
  );
  if (generations.size !== 1)
    return { torn: `messages from generations ${[...generations].join(', ')}` };
  const generation = Number([...generations][0]);
  if (generation !== 1 && generation !== 2)
    return { torn: `unknown generation ${generation}` };
  const expected = expectedStatuses(generation);
  if (rows.length !== Object.keys(expected).length)
    return { torn: `${rows.length} results` };
  for (const row of rows) {
    if (expected[row.check_id] !== row.status)
      return {
        torn: `${row.check_id} is ${row.status} at generation ${generation}`,
      };
  }
  return { generation };
}

async function readState(knex: Knex) {
  const results: ResultRow[] = await knex('maturity_results')
    .select('entity_ref', 'check_id', 'status', 'message')
    .where('definition_ref', SCORECARD_REF);
  const levels: LevelRow[] = await knex('maturity_levels')
    .select('entity_ref', 'level', 'level_index')
    .where('scorecard_ref', SCORECARD_REF);
  const byEntity = new Map<string, ResultRow[]>();
  for (const row of results)
    byEntity.set(row.entity_ref, [
      ...(byEntity.get(row.entity_ref) ?? []),
      row,
    ]);
  return { byEntity, levels: new Map(levels.map(l => [l.entity_ref, l])) };
}

// These need a real PostgreSQL; without one they are reported as skipped, with the reason in their title.
const describePostgres = postgresUrl ? describe : describe.skip;
const url = postgresUrl ?? '';

describePostgres(
  `killing a sweep midway (PostgreSQL; skipped unless ${POSTGRES_ENV} is set)`,
  () => {
    let database: TestDatabase;
    let knex: Knex;

    beforeEach(async () => {
      database = await createTestDatabase(url);
      knex = database.client();
      await applyDatabaseMigrations(knex);
    });

    afterEach(async () => {
      await database?.drop();
    });

    async function evaluateInProcess() {
      const compiled = definitions();
      return EvaluationService.create({
        facts: DatabaseFactStore.fromKnex(knex),
        results: DatabaseResultStore.fromKnex(knex),
        definitions: { getDefinitions: async () => compiled },
        logger: silentLogger,
      }).sweep();
    }

    it.each([
      ['while a chunk is being written', 'applying 3'],
      ['right after a chunk was written, before its levels', 'applied 2'],
    ])(
      'leaves every entity old or new, never torn, when killed %s',
      async (_when, killAt) => {
        // Old state: generation 1 evaluated everywhere, every entity at silver.
        const facts = DatabaseFactStore.fromKnex(knex);
        await facts.writeFacts(factWrites(1));
        await evaluateInProcess();
        // New facts, not yet evaluated; the child's sweep is killed partway through evaluating them.
        await facts.writeFacts(factWrites(2));

        const { killed, output } = await sweepAndKill(database.url, killAt);
        expect({ killed, finished: output.includes('done') }).toEqual({
          killed: true,
          finished: false,
        });

        const { byEntity, levels } = await readState(knex);
        const counts = { old: 0, new: 0 };
        const problems: string[] = [];
        const { levels: levelDefs, checks } = scorecard().spec;
        const levelIds = levelDefs.map(l => l.id);
        const levelOf = new Map(checks.map(c => [c.id, c.level]));
        for (let i = 0; i < ENTITY_COUNT; i++) {
          const ref = entityRef(i);
          const verdict = judgeResults(byEntity.get(ref) ?? []);
          if ('torn' in verdict) {
            problems.push(`${ref}: torn results (${verdict.torn})`);
            continue;
          }
          counts[verdict.generation === 1 ? 'old' : 'new'] += 1;
          // The level is the old one, or the one this entity's results give (levels are written after results).
          const level = levels.get(ref)?.level ?? null;
          const fromResults = computeLevel(
            levelIds,
            (byEntity.get(ref) ?? []).map(r => ({
              level: levelOf.get(r.check_id) ?? '',
              status: r.status as 'pass' | 'fail',
            })),
          ).level;
          if (level !== expectedLevel(1) && level !== fromResults) {
            problems.push(
              `${ref}: level ${level}, neither the old ${expectedLevel(
                1,
              )} nor ${fromResults} from its results`,
            );
          }
        }
        expect(problems.slice(0, 10)).toEqual([]);
        // The kill really landed mid-sweep: some entities were re-evaluated, some not yet.
        expect(counts.new).toBeGreaterThan(0);
        expect(counts.old).toBeGreaterThan(0);

        // The next sweep repairs everything: all new, levels consistent.
        await evaluateInProcess();
        const repaired = await readState(knex);
        const left = [...Array(ENTITY_COUNT).keys()]
          .map(entityRef)
          .filter(ref => {
            const verdict = judgeResults(repaired.byEntity.get(ref) ?? []);
            return (
              !('generation' in verdict) ||
              verdict.generation !== 2 ||
              (repaired.levels.get(ref)?.level ?? null) !== expectedLevel(2)
            );
          });
        expect(left.slice(0, 10)).toEqual([]);
      },
    );
  },
);
