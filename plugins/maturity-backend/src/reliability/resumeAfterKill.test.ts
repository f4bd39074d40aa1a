/*
 * Two replica processes offer steps of one resumable sweep on one PostgreSQL database; the one working is
 * SIGKILLed mid-chunk (no cleanup). The other must take the sweep over from the stored cursor once the
 * lease runs out, finish it exactly once, and leave no torn rows. The time from the kill to the takeover
 * is printed (the lease is 3 s here, 20 s in the plugin).
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { DatabaseResultStore } from '../evaluation/results/DatabaseResultStore';
import { EvaluationService } from '../evaluation/EvaluationService';
import { ResumableSweep } from '../evaluation/tasks/resumableSweep';
import {
  createTestDatabase,
  POSTGRES_ENV,
  postgresUrl,
  TestDatabase,
} from './postgres';
import {
  definitions,
  ENTITY_COUNT,
  expectedLevel,
  factWrites,
  SCORECARD_REF,
} from './sweepFixture';
import { silentLogger, spawnChild } from './processes';

jest.setTimeout(120_000);

const LEASE_MS = 3_000;

interface Replica {
  child: ChildProcess;
  lines: Array<{ line: string; at: number }>;
  exited: Promise<void>;
}

function replica(url: string, onLine: (r: Replica, line: string) => void) {
  const child = spawnChild(path.join(__dirname, 'stepChild.ts'), [
    url,
    String(LEASE_MS),
  ]);
  const r: Replica = {
    child,
    lines: [],
    exited: new Promise(resolve => child.on('close', () => resolve())),
  };
  let buffer = '';
  child.stdout!.on('data', (data: Buffer) => {
    buffer += data.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      r.lines.push({ line, at: Date.now() });
      onLine(r, line);
    }
  });
  child.stderr!.on('data', (data: Buffer) =>
    r.lines.push({ line: `stderr: ${data}`, at: Date.now() }),
  );
  return r;
}

const describePostgres = postgresUrl ? describe : describe.skip;

describePostgres(
  `two replica processes, one killed mid-sweep (PostgreSQL; skipped unless ${POSTGRES_ENV} is set)`,
  () => {
    let database: TestDatabase;
    let knex: Knex;

    beforeEach(async () => {
      database = await createTestDatabase(postgresUrl!);
      knex = database.client();
      await applyDatabaseMigrations(knex);
    });
    afterEach(async () => {
      await database?.drop();
    });

    it('lets the other replica take the sweep over from the cursor and finish it once, nothing torn', async () => {
      const facts = DatabaseFactStore.fromKnex(knex);
      const compiled = definitions();
      const evaluation = EvaluationService.create({
        facts,
        results: DatabaseResultStore.fromKnex(knex),
        definitions: { getDefinitions: async () => compiled },
        logger: silentLogger,
      });
      await facts.writeFacts(factWrites(1));
      await evaluation.sweep();
      await facts.writeFacts(factWrites(2));
      // The global sweep task opens the sweep; the replicas' step tasks do the work.
      await new ResumableSweep({
        db: knex,
        logger: silentLogger,
        listEntityRefs: async () => [],
        evaluate: async () => {},
        finish: async () => {},
      }).start();

      let killedAt = 0;
      let victim: Replica | undefined;
      const onLine = (r: Replica, line: string) => {
        if (!victim && line === 'evaluating 3') {
          victim = r;
          killedAt = Date.now();
          r.child.kill('SIGKILL');
        }
      };
      const replicas = [
        replica(database.url, onLine),
        replica(database.url, onLine),
      ];
      await Promise.all(replicas.map(r => r.exited));

      expect(victim).toBeDefined();
      const survivor = replicas.find(r => r !== victim)!;
      const said = (r: Replica) => r.lines.map(l => l.line);
      expect(said(victim!)).not.toContain('finished');
      expect(said(survivor).filter(l => l === 'finished')).toHaveLength(1);
      expect(said(survivor)).toContain('done');
      const takeover = survivor.lines.find(
        l => l.at >= killedAt && l.line.startsWith('evaluating'),
      );
      expect(takeover).toBeDefined();
      const finished = survivor.lines.find(l => l.line === 'finished')!;
      process.stdout.write(
        `resumeAfterKill: lease ${LEASE_MS} ms; takeover ${
          takeover!.at - killedAt
        } ms after kill -9; sweep finished ${
          finished.at - killedAt
        } ms after it\n`,
      );
      // The takeover waits for the lease, not for a scheduler timeout.
      expect(takeover!.at - killedAt).toBeLessThan(LEASE_MS + 5_000);

      // Every entity's level drop (silver → none) is announced once at most: a chunk re-evaluated after the
      // kill finds its committed levels already dropped and announces nothing again.
      const drops = replicas.flatMap(r =>
        said(r).filter(l => l.startsWith('drop ')),
      );
      expect(drops.length - new Set(drops).size).toBe(0);
      process.stdout.write(
        `resumeAfterKill: ${drops.length} level drops announced for ${ENTITY_COUNT} entities, no duplicate\n`,
      );

      // Every entity has the new generation's results and level; none torn.
      const rows: Array<{ entity_ref: string; n: string | number }> =
        await knex('maturity_results')
          .select('entity_ref')
          .count({ n: '*' })
          .where('definition_ref', SCORECARD_REF)
          .where('message', 'like', '%generation 1%')
          .groupBy('entity_ref');
      expect(rows).toEqual([]);
      const levels = await knex('maturity_levels')
        .where('scorecard_ref', SCORECARD_REF)
        .whereNot('level', expectedLevel(2))
        .count({ n: '*' });
      expect(Number(levels[0].n)).toBe(0);
      const state = await knex('maturity_sweep_state').first();
      expect(state.done_at).not.toBeNull();
      const [{ n }] = await knex('maturity_levels')
        .where('scorecard_ref', SCORECARD_REF)
        .count({ n: '*' });
      expect(Number(n)).toBe(ENTITY_COUNT);
    });
  },
);
