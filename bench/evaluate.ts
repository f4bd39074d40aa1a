/*
 * The maturity engine end to end on each database: facts written through DatabaseFactStore, full sweeps
 * evaluated and persisted through EvaluationService + DatabaseResultStore, single-entity updates, peak RSS;
 * then Ratchet against Tech Insights' jsonfc. Each database runs in its own child process so that its peak
 * RSS is its own. Run from the repository root:
 *
 *   yarn bench:evaluate [--runs 3] [--entities 10000] [--updates 200] [--only sqlite-file,postgres] [--cpu-prof]
 *                       [--no-compare] [--results-per-transaction 12500]
 *
 * Every database is measured --runs times (fresh process and database each time); the table shows the
 * median of the runs for every figure, and single-entity percentiles over the updates of all runs.
 *
 * --results-per-transaction sets EvaluationService's budget; a huge one (1e9) writes each chunk of 1,000
 * entities in one transaction, as before the budget existed.
 * --cpu-prof writes V8 CPU profiles of the database runs to bench/.profiles/ (open them in Chrome DevTools).
 * PostgreSQL: RATCHET_BENCH_PG (default postgresql://postgres@127.0.0.1:5432); a fresh database is created
 * and dropped for the run, and the run is skipped with a message when PostgreSQL cannot be reached.
 *
 * Modules: evaluate/options.ts (command line), evaluate/measure.ts (one database run, in a child),
 * evaluate/children.ts (child processes; they run this file with `--child <part>`), evaluate/report.ts
 * (median of the runs, the table).
 */
import type { ComparisonReport } from './jsonfc';
import { printComparison, runComparison } from './jsonfc';
import {
  BENCH_DATABASE_KINDS,
  BenchDatabaseKind,
  postgresReachable,
} from './lib/databases';
import { machineLoad } from './lib/stats';
import { reportToParent, runChild } from './evaluate/children';
import { DatabaseReport, measureDatabase } from './evaluate/measure';
import { Options, parseArgs } from './evaluate/options';
import { medianReport, printDatabaseTable } from './evaluate/report';

async function parent(options: Options): Promise<void> {
  console.log(`node ${process.version}; ${machineLoad()}`);
  console.log(
    `${options.entities} entities × 50 checks (1 Scorecard, 3 levels, 5 categories) over ~30 facts each; ${options.updates} single-entity updates`,
  );
  if (options.resultsPerTransaction !== undefined) {
    console.log(
      `result rows per transaction: ${options.resultsPerTransaction}`,
    );
  }
  const reports: DatabaseReport[] = [];
  for (const kind of options.only ?? BENCH_DATABASE_KINDS) {
    if (kind === 'postgres') {
      const reachable = await postgresReachable();
      if (!reachable.ok) {
        console.log(
          `postgres: skipped, PostgreSQL is not reachable (${reachable.reason}); set RATCHET_BENCH_PG`,
        );
        continue;
      }
    }
    console.error(`running ${kind}…`);
    const runs: DatabaseReport[] = [];
    for (let run = 0; run < options.runs; run++)
      runs.push(await runChild<DatabaseReport>(kind, options));
    reports.push(medianReport(runs));
  }
  let comparison: ComparisonReport | undefined;
  if (options.compare) {
    console.error('running the jsonfc comparison…');
    comparison = await runChild<ComparisonReport>('compare', options);
  }

  console.log(
    `\nPersistence — median of ${
      options.runs
    } runs per database (each run its own process and database); ${machineLoad()}`,
  );
  if (reports.length) printDatabaseTable(reports);
  if (comparison) printComparison(comparison);
}

async function child(part: string, options: Options): Promise<void> {
  const report =
    part === 'compare'
      ? await runComparison({ entities: options.entities })
      : await measureDatabase(part as BenchDatabaseKind, options);
  reportToParent(report);
}

const options = parseArgs(process.argv.slice(2));
(options.child ? child(options.child, options) : parent(options)).catch(
  error => {
    console.error(error);
    process.exitCode = 1;
  },
);
