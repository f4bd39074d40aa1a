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
 */
import { spawn } from 'node:child_process';
import type { Knex } from 'knex';
import path from 'node:path';
import { DatabaseFactStore } from '../plugins/maturity-backend/src/facts/DatabaseFactStore';
import { DatabaseResultStore } from '../plugins/maturity-backend/src/results/DatabaseResultStore';
import {
  EvaluationService,
  EvaluationSummary,
} from '../plugins/maturity-backend/src/scorecards/EvaluationService';
import type { ComparisonReport } from './jsonfc';
import { printComparison, runComparison } from './jsonfc';
import {
  BENCH_DATABASE_KINDS,
  BenchDatabaseKind,
  openBenchDatabase,
  postgresReachable,
} from './lib/databases';
import { createRandom, generateEntities } from './lib/generate';
import { benchLogger } from './lib/logger';
import { changeFraction, changeOne, factWritesBySource } from './lib/mutate';
import { benchDefinitions, staticDefinitions } from './lib/scorecard';
import {
  machineLoad,
  median,
  millisSince,
  printTable,
  quantile,
  RssSampler,
  timed,
} from './lib/stats';

const RESULT_MARKER = '@@bench-result ';

/** One sweep's figures. */
interface SweepFigure {
  /** What the sweep found. */
  label: string;
  /** Wall time. */
  ms: number;
  /** (entity, check) evaluations. */
  evaluations: number;
  /** Result rows written. */
  written: number;
  /** Status transitions. */
  transitions: number;
}

/** What one database run measured. */
interface DatabaseReport {
  kind: BenchDatabaseKind;
  where: string;
  entities: number;
  checks: number;
  factRows: number;
  writeFactsMs: number;
  resendFactsMs: number;
  changedRows: number;
  changedEntities: number;
  changeFactsMs: number;
  sweeps: SweepFigure[];
  singleMs: number[];
  singleWriteMs: number[];
  singleEvaluateMs: number[];
  peakRss: number;
  /** Size of the database after the run (for in-memory SQLite it is part of the RSS). */
  databaseBytes: number;
  /** Runs merged into this report (1 for a single child). */
  runs?: number;
  /** Highest peak RSS of the merged runs. */
  peakRssMax?: number;
  /** Peak RSS per phase, to see which phase sets the peak. */
  phaseRss: Array<{ phase: string; peak: number }>;
}

interface Options {
  runs: number;
  entities: number;
  updates: number;
  only?: BenchDatabaseKind[];
  cpuProf: boolean;
  /** False with --no-compare: the jsonfc comparison takes minutes and says nothing about the databases. */
  compare: boolean;
  /** EvaluationService's result budget; its default when absent. */
  resultsPerTransaction?: number;
  child?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    runs: 3,
    entities: 10_000,
    updates: 200,
    cpuProf: false,
    compare: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--entities') options.entities = Number(argv[++i]);
    else if (arg === '--updates') options.updates = Number(argv[++i]);
    else if (arg === '--only')
      options.only = argv[++i].split(',') as BenchDatabaseKind[];
    else if (arg === '--cpu-prof') options.cpuProf = true;
    else if (arg === '--no-compare') options.compare = false;
    else if (arg === '--results-per-transaction')
      options.resultsPerTransaction = Number(argv[++i]);
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--child') options.child = argv[++i];
  }
  return options;
}

function summaryFigure(
  label: string,
  ms: number,
  summary: EvaluationSummary,
): SweepFigure {
  return {
    label,
    ms,
    evaluations: summary.evaluations,
    written: summary.written,
    transitions: summary.transitions,
  };
}

/** The measurements on one database; runs inside a child process. */
async function measureDatabase(
  kind: BenchDatabaseKind,
  options: Options,
): Promise<DatabaseReport> {
  const sampler = new RssSampler(50);
  const db = await openBenchDatabase(kind);
  try {
    const entities = generateEntities(options.entities);
    const definitions = benchDefinitions();
    const facts = DatabaseFactStore.fromKnex(db.knex);
    const results = DatabaseResultStore.fromKnex(db.knex);
    const evaluation = EvaluationService.create({
      facts,
      results,
      definitions: staticDefinitions(definitions),
      logger: benchLogger(true),
      resultsPerTransaction: options.resultsPerTransaction,
    });
    const log = (message: string) => console.error(`[${kind}] ${message}`);
    const phaseRss: Array<{ phase: string; peak: number }> = [];
    const lap = (phase: string) =>
      phaseRss.push({ phase, peak: sampler.lap() });
    lap('generate');

    // Facts arrive per source, one batch for the whole catalog, as FactCollector writes them.
    const bySource = factWritesBySource(entities);
    const factRows = [...bySource.values()].reduce(
      (n, list) => n + list.length,
      0,
    );
    const write = await timed(async () => {
      for (const batch of bySource.values()) await facts.writeFacts(batch);
    });
    lap('write');
    log(`wrote ${factRows} fact rows in ${write.ms.toFixed(0)} ms`);
    const resend = await timed(async () => {
      for (const batch of bySource.values()) await facts.writeFacts(batch);
    });
    lap('resend');

    const sweeps: SweepFigure[] = [];
    const first = await timed(() => evaluation.sweep());
    sweeps.push(
      summaryFigure('sweep 1: first (all inserts)', first.ms, first.value),
    );
    lap('sweep1');
    log(`sweep 1 ${first.ms.toFixed(0)} ms`);

    const random = createRandom(4242);
    const changes = changeFraction(entities, 0.05, random);
    const change = await timed(() => facts.writeFacts(changes));
    const second = await timed(() => evaluation.sweep());
    sweeps.push(
      summaryFigure('sweep 2: 5% of facts changed', second.ms, second.value),
    );
    lap('sweep2');
    log(`sweep 2 ${second.ms.toFixed(0)} ms`);

    const third = await timed(() => evaluation.sweep());
    sweeps.push(
      summaryFigure('sweep 3: nothing changed', third.ms, third.value),
    );
    lap('sweep3');
    log(`sweep 3 ${third.ms.toFixed(0)} ms`);

    // One changed fact → that entity re-evaluated and persisted; 20 warm-up updates are not counted.
    const singleMs: number[] = [];
    const singleWriteMs: number[] = [];
    const singleEvaluateMs: number[] = [];
    for (let i = 0; i < options.updates + 20; i++) {
      const target = entities[Math.floor(random() * entities.length)];
      const factWrite = changeOne(target, random);
      const start = process.hrtime.bigint();
      await facts.writeFacts([factWrite]);
      const written = millisSince(start);
      await evaluation.evaluateEntities([target.entityRef]);
      const total = millisSince(start);
      if (i >= 20) {
        singleMs.push(total);
        singleWriteMs.push(written);
        singleEvaluateMs.push(total - written);
      }
    }
    const databaseBytes = await databaseSize(db.knex, kind);
    return {
      kind,
      where: db.where,
      databaseBytes,
      entities: entities.length,
      checks: definitions.reduce((n, d) => n + d.checks.length, 0),
      factRows,
      writeFactsMs: write.ms,
      resendFactsMs: resend.ms,
      changedRows: changes.length,
      changedEntities: new Set(changes.map(c => c.entityRef)).size,
      changeFactsMs: change.ms,
      sweeps,
      singleMs,
      singleWriteMs,
      singleEvaluateMs,
      phaseRss: (lap('single'), phaseRss),
      peakRss: sampler.stop(),
    };
  } finally {
    await db.close();
  }
}

async function databaseSize(
  knex: Knex,
  kind: BenchDatabaseKind,
): Promise<number> {
  if (kind === 'postgres') {
    const result: { rows: Array<{ size: string }> } = await knex.raw(
      'select pg_database_size(current_database()) as size',
    );
    return Number(result.rows[0].size);
  }
  const [pages]: Array<{ page_count: number }> = await knex.raw(
    'pragma page_count',
  );
  const [size]: Array<{ page_size: number }> = await knex.raw(
    'pragma page_size',
  );
  return pages.page_count * size.page_size;
}

/** The median of every figure over several runs; single-entity samples are pooled. */
function medianReport(runs: DatabaseReport[]): DatabaseReport {
  const [first] = runs;
  const mid = (pick: (r: DatabaseReport) => number) => median(runs.map(pick));
  return {
    ...first,
    writeFactsMs: mid(r => r.writeFactsMs),
    resendFactsMs: mid(r => r.resendFactsMs),
    changeFactsMs: mid(r => r.changeFactsMs),
    sweeps: first.sweeps.map((sweep, i) => ({
      ...sweep,
      ms: mid(r => r.sweeps[i].ms),
    })),
    singleMs: runs.flatMap(r => r.singleMs),
    singleWriteMs: runs.flatMap(r => r.singleWriteMs),
    singleEvaluateMs: runs.flatMap(r => r.singleEvaluateMs),
    peakRss: mid(r => r.peakRss),
    databaseBytes: mid(r => r.databaseBytes),
    phaseRss: first.phaseRss.map((phase, i) => ({
      ...phase,
      peak: mid(r => r.phaseRss[i].peak),
    })),
    runs: runs.length,
    peakRssMax: Math.max(...runs.map(r => r.peakRss)),
  };
}

/** Runs this script again as a child for one part; returns the JSON it reports. */
function runChild<T>(part: string, options: Options): Promise<T> {
  const nodeArgs = ['--require', '@backstage/cli/config/nodeTransform.cjs'];
  if (options.cpuProf && part !== 'compare') {
    nodeArgs.unshift(
      '--cpu-prof',
      `--cpu-prof-dir=${path.join(__dirname, '.profiles')}`,
      `--cpu-prof-name=evaluate-${part}-${Date.now()}.cpuprofile`,
    );
  }
  const args = [
    ...nodeArgs,
    __filename,
    '--child',
    part,
    '--entities',
    String(options.entities),
    '--updates',
    String(options.updates),
    ...(options.resultsPerTransaction !== undefined
      ? ['--results-per-transaction', String(options.resultsPerTransaction)]
      : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code => {
      const line = output.split('\n').find(l => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`bench part ${part} exited with ${code}:\n${output}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as T);
    });
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function rate(count: number, ms: number): string {
  const perSecond = (count / ms) * 1000;
  return perSecond >= 1000
    ? `${(perSecond / 1000).toFixed(0)}k/s`
    : `${perSecond.toFixed(0)}/s`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function printDatabaseTable(reports: DatabaseReport[]): void {
  const header = ['measurement', ...reports.map(r => r.kind), 'target'];
  const sweepTarget = (r: DatabaseReport) =>
    r.kind === 'postgres' ? 20_000 : 10_000;
  const rows: string[][] = [];
  const first = reports[0];
  rows.push([
    `write facts (${first.factRows} rows, 4 batches)`,
    ...reports.map(
      r =>
        `${seconds(r.writeFactsMs)} · ${rate(r.factRows, r.writeFactsMs)} rows`,
    ),
    '',
  ]);
  rows.push([
    'resend same facts (hash unchanged)',
    ...reports.map(r => seconds(r.resendFactsMs)),
    '',
  ]);
  rows.push([
    `write changed facts (~5%)`,
    ...reports.map(
      r =>
        `${seconds(r.changeFactsMs)} · ${r.changedRows} rows/${
          r.changedEntities
        } ent.`,
    ),
    '',
  ]);
  for (let i = 0; i < first.sweeps.length; i++) {
    rows.push([
      first.sweeps[i].label,
      ...reports.map(
        r =>
          `${seconds(r.sweeps[i].ms)} · ${rate(
            r.sweeps[i].evaluations,
            r.sweeps[i].ms,
          )} checks`,
      ),
      i === 0 ? '< 10 s SQLite, < 20 s PG' : '',
    ]);
    rows.push([
      '  rows written / transitions',
      ...reports.map(
        r => `${r.sweeps[i].written} / ${r.sweeps[i].transitions}`,
      ),
      '',
    ]);
  }
  rows.push([
    `single entity update p50 (n=${first.singleMs.length}, all runs)`,
    ...reports.map(r => `${median(r.singleMs).toFixed(1)} ms`),
    '',
  ]);
  rows.push([
    'single entity update p95',
    ...reports.map(r => `${quantile(r.singleMs, 0.95).toFixed(1)} ms`),
    '< 50 ms',
  ]);
  rows.push([
    '  of which writeFacts / evaluate p50',
    ...reports.map(
      r =>
        `${median(r.singleWriteMs).toFixed(1)} / ${median(
          r.singleEvaluateMs,
        ).toFixed(1)} ms`,
    ),
    '',
  ]);
  rows.push([
    'peak RSS (median; max of runs)',
    ...reports.map(
      r =>
        `${(r.peakRss / 2 ** 20).toFixed(0)} MB; ${(
          (r.peakRssMax ?? r.peakRss) /
          2 ** 20
        ).toFixed(0)} MB`,
    ),
    '< 500 MB',
  ]);
  rows.push([
    'database size after the run',
    ...reports.map(
      r =>
        `${(r.databaseBytes / 2 ** 20).toFixed(0)} MB${
          r.kind === 'sqlite-memory' ? ' (in RSS)' : ''
        }`,
    ),
    '',
  ]);
  rows.push([
    '  peak RSS by phase',
    ...reports.map(r =>
      r.phaseRss.map(p => (p.peak / 2 ** 20).toFixed(0)).join('/'),
    ),
    first.phaseRss.map(p => p.phase).join('/'),
  ]);
  rows.push([
    'targets',
    ...reports.map(r => {
      const worstSweep = Math.max(...r.sweeps.map(s => s.ms));
      const checks = [
        `sweep ${verdict(worstSweep < sweepTarget(r))}`,
        `single ${verdict(quantile(r.singleMs, 0.95) < 50)}`,
        `RSS ${verdict(r.peakRss < 500 * 2 ** 20)}`,
      ];
      return checks.join(', ');
    }),
    '',
  ]);
  printTable(header, rows);
}

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
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(report)}\n`);
}

const options = parseArgs(process.argv.slice(2));
(options.child ? child(options.child, options) : parent(options)).catch(
  error => {
    console.error(error);
    process.exitCode = 1;
  },
);
