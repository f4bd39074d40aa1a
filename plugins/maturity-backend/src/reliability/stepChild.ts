/*
 * Child process of resumeAfterKill.test.ts: one "replica" offering resumable sweep steps every 100 ms on
 * the database given as argv[2] (lease argv[3] ms), as the local maturity-sweep-steps task does. It
 * announces `evaluating <n>` / `evaluated <n>` around each chunk, `drop <ref>` per level drop, `finished` when it runs the sweep's
 * finishing work and `done`/`idle` when it stops, so that the parent can SIGKILL it at a known point.
 */
import knexFactory from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { DatabaseResultStore } from '../evaluation/results/DatabaseResultStore';
import { EvaluationService } from '../evaluation/EvaluationService';
import { ResumableSweep } from '../evaluation/tasks/resumableSweep';
import { definitions } from './sweepFixture';
import { silentLogger } from './processes';

async function main(url: string, leaseMs: number) {
  const knex = knexFactory({ client: 'pg', connection: url });
  const compiled = definitions();
  const facts = DatabaseFactStore.fromKnex(knex);
  const evaluation = EvaluationService.create({
    facts,
    results: DatabaseResultStore.fromKnex(knex),
    definitions: { getDefinitions: async () => compiled },
    logger: silentLogger,
    // The notifier's place: each drop is announced once it is committed, as notifications are sent.
    onLevelDrops: async drops => {
      process.stdout.write(drops.map(d => `drop ${d.entityRef}\n`).join(''));
    },
  });
  let chunk = 0;
  const sweep = new ResumableSweep({
    db: knex,
    logger: silentLogger,
    listEntityRefs: () => facts.listEntityRefs(),
    evaluate: async refs => {
      chunk += 1;
      process.stdout.write(`evaluating ${chunk}\n`);
      await evaluation.evaluateEntities(refs);
      process.stdout.write(`evaluated ${chunk}\n`);
    },
    finish: async () => {
      process.stdout.write('finished\n');
    },
    chunkSize: 250,
    budgetMs: 1_000,
    leaseMs,
  });
  let sawWork = false;
  for (;;) {
    const result = await sweep.step();
    if (result === 'done') break;
    if (result === 'progress' || result === 'busy') sawWork = true;
    if (result === 'idle' && sawWork) break;
    await sleep(100);
  }
  process.stdout.write('done\n');
  await knex.destroy();
}

main(process.argv[2], Number(process.argv[3])).catch(error => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
