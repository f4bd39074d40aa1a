/*
 * Child process of killMidSweep.test.ts: runs one sweep of the kill-test estate on the database given as
 * argv[2], announcing on stdout each chunk's results write before and after it happens
 * (`applying <n>` / `applied <n>`), so that the parent can SIGKILL it at a known point of the sweep.
 */
import knexFactory from 'knex';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { DatabaseResultStore } from '../evaluation/results/DatabaseResultStore';
import type { ResultStore } from '../evaluation/results/ResultStore';
import { EvaluationService } from '../evaluation/EvaluationService';
import { definitions } from './sweepFixture';
import { silentLogger } from './processes';

/** The real store, announcing every applyResults; everything else is delegated untouched. */
function announcing(store: ResultStore): ResultStore {
  let chunk = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'applyResults' || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: Parameters<ResultStore['applyResults']>) => {
        chunk += 1;
        process.stdout.write(`applying ${chunk}\n`);
        const summary = await target.applyResults(...args);
        process.stdout.write(`applied ${chunk}\n`);
        return summary;
      };
    },
  });
}

async function main(url: string) {
  const knex = knexFactory({ client: 'pg', connection: url });
  const compiled = definitions();
  const evaluation = EvaluationService.create({
    facts: DatabaseFactStore.fromKnex(knex),
    results: announcing(DatabaseResultStore.fromKnex(knex)),
    definitions: { getDefinitions: async () => compiled },
    logger: silentLogger,
  });
  await evaluation.sweep();
  process.stdout.write('done\n');
  await knex.destroy();
}

main(process.argv[2]).catch(error => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
