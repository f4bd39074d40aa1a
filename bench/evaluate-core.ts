/*
 * Rule evaluation throughput: compile the benchmark checks once, then evaluate every (entity, check) pair
 * of the generated catalog several times. Run from the repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/evaluate-core.ts [entities] [runs]
 *
 * Add --expose-gc before --require for steadier heap figures.
 */
import type { CheckOutcome } from '@ratchet/backstage-plugin-maturity-common';
import {
  compileCheck,
  CompiledCheck,
} from '../plugins/maturity-backend/src/evaluation/checks';
import {
  generateChecks,
  generateEntities,
  GeneratedEntity,
} from './lib/generate';

type Status = CheckOutcome['status'];

const entityCount = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 7);

function millis(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function rate(count: number, ms: number): string {
  const perSecond = (count / ms) * 1000;
  return perSecond >= 1e6
    ? `${(perSecond / 1e6).toFixed(2)}M`
    : `${(perSecond / 1e3).toFixed(1)}k`;
}

function heapMb(): string {
  (globalThis as { gc?: () => void }).gc?.();
  return `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function emptyCounts(): Record<Status, number> {
  return { pass: 0, fail: 0, error: 0, 'not-applicable': 0 };
}

/** The engine's loop: applicability first, then the rule; counts keep the work observable. */
function evaluateAll(
  entities: GeneratedEntity[],
  checks: CompiledCheck[],
): Record<Status, number> {
  const counts = emptyCounts();
  for (let e = 0; e < entities.length; e++) {
    const { entity, facts } = entities[e];
    for (let c = 0; c < checks.length; c++) {
      const check = checks[c];
      if (!check.appliesTo(entity)) {
        counts['not-applicable']++;
        continue;
      }
      counts[check.evaluate(facts).status]++;
    }
  }
  return counts;
}

/** The rule alone, for every pair, applicable or not: what a rules engine comparison measures. */
function evaluateRulesOnly(
  entities: GeneratedEntity[],
  checks: CompiledCheck[],
): Record<Status, number> {
  const counts = emptyCounts();
  for (let e = 0; e < entities.length; e++) {
    const facts = entities[e].facts;
    for (let c = 0; c < checks.length; c++)
      counts[checks[c].evaluate(facts).status]++;
  }
  return counts;
}

function timeRuns(
  label: string,
  pairs: number,
  run: () => Record<Status, number>,
): Record<Status, number> {
  let counts = run(); // warm-up: lets V8 optimise before anything is measured
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    counts = run();
    times.push(millis(start));
  }
  const ms = median(times);
  console.log(
    `${label}: ${pairs} checks in ${ms.toFixed(0)} ms → ${rate(
      pairs,
      ms,
    )} checks/s ` +
      `(median of ${runs}; min ${Math.min(...times).toFixed(
        0,
      )} ms, max ${Math.max(...times).toFixed(0)} ms)`,
  );
  return counts;
}

function main(): void {
  console.log(
    `node ${process.version}, ${entityCount} entities, ${runs} timed runs`,
  );
  console.log(`heap before data:   ${heapMb()}`);

  let start = process.hrtime.bigint();
  const entities = generateEntities(entityCount);
  const definitions = generateChecks(50);
  console.log(
    `generate: ${entities.length} entities, ${
      definitions.length
    } checks in ${millis(start).toFixed(0)} ms`,
  );
  console.log(`heap with data:     ${heapMb()}`);

  start = process.hrtime.bigint();
  const checks = definitions.map(d => compileCheck(d));
  console.log(
    `compile: ${checks.length} checks in ${millis(start).toFixed(2)} ms`,
  );
  const problems = checks.flatMap(c => c.problems);
  if (problems.length)
    console.log(`compile problems:\n  ${problems.join('\n  ')}`);

  const pairs = entities.length * checks.length;
  const counts = timeRuns('evaluate (appliesTo + rule)', pairs, () =>
    evaluateAll(entities, checks),
  );
  console.log(
    `  outcomes: ${Object.entries(counts)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
  );
  const ruleCounts = timeRuns('evaluate (rule only)', pairs, () =>
    evaluateRulesOnly(entities, checks),
  );
  console.log(
    `  outcomes: ${Object.entries(ruleCounts)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}`,
  );
  console.log(`heap after runs:    ${heapMb()}`);
}

main();
