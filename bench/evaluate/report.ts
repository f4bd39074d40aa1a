/*
 * The table `yarn bench:evaluate` prints for the databases: the median over the runs of each database, then
 * one column per database with the targets beside them.
 */
import { median, printTable, quantile } from '../lib/stats';
import type { DatabaseReport } from './measure';

/** The median of every figure over several runs; single-entity samples are pooled. */
export function medianReport(runs: DatabaseReport[]): DatabaseReport {
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

/** One column per database, one row per figure, the targets in the last column. */
export function printDatabaseTable(reports: DatabaseReport[]): void {
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
