/*
 * What `yarn bench:evaluate` measures on one database, inside a child process: facts written, three full
 * sweeps, single-entity updates, peak RSS per phase, the size of the database afterwards.
 */
import type { Knex } from 'knex';
import { DatabaseFactStore } from '../../plugins/maturity-backend/src/facts/DatabaseFactStore';
import { DatabaseResultStore } from '../../plugins/maturity-backend/src/evaluation/results/DatabaseResultStore';
import {
  EvaluationService,
  EvaluationSummary,
} from '../../plugins/maturity-backend/src/evaluation/EvaluationService';
import { BenchDatabaseKind, openBenchDatabase } from '../lib/databases';
import { createRandom, generateEntities } from '../lib/generate';
import { benchLogger } from '../lib/logger';
import { changeFraction, changeOne, factWritesBySource } from '../lib/mutate';
import { benchDefinitions, staticDefinitions } from '../lib/scorecard';
import { millisSince, RssSampler, timed } from '../lib/stats';
import type { Options } from './options';

/** One sweep's figures. */
export interface SweepFigure {
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
export interface DatabaseReport {
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

/** A sweep's summary as a row of the table. */
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
export async function measureDatabase(
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

/** Bytes the database takes after the run: the same figure from PostgreSQL and SQLite. */
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
