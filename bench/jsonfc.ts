/*
 * Ratchet's evaluator against Backstage Tech Insights' json-rules-engine fact checker (jsonfc), in process,
 * on the same generated facts and equivalent checks (see lib/techInsightsTranslation.ts for the
 * translation). Both read facts from memory, so the figures compare the engines, not databases. Run from the
 * repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/jsonfc.ts [sampleEntities]
 *
 * It is also part of `yarn bench:evaluate`.
 */
import type { JsonRuleBooleanCheckResult } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type { CheckStatus } from '@ratchet/backstage-plugin-maturity-common';
import type { JsonValue } from '@backstage/types';
import type { CompiledDefinition } from '../plugins/maturity-backend/src/evaluation/definitions/compileDefinitions';
import { generateEntities, GeneratedEntity } from './lib/generate';
import { benchDefinitions, benchScorecard } from './lib/scorecard';
import { benchLogger } from './lib/logger';
import {
  formatRate,
  machineLoad,
  median,
  millisSince,
  printTable,
} from './lib/stats';
import {
  buildTechInsightsData,
  inMemoryCatalog,
  loadStore,
  staticAuth,
} from './lib/techInsights';
import {
  customOperators,
  translateChecks,
  TRANSLATION_NOTES,
} from './lib/techInsightsTranslation';

/** What the comparison measured. */
export interface ComparisonReport {
  /** Entities of the sample both engines ran. */
  sampleEntities: number;
  /** Checks per entity. */
  checks: number;
  /** Ratchet's core over the whole catalog: (entity, check) evaluations per second. */
  coreChecksPerSecond: number;
  /** Entities of the whole catalog. */
  coreEntities: number;
  /** jsonfc on the sample: requested (entity, check) pairs per second. */
  jsonfcChecksPerSecond: number;
  /** Ratchet on the same sample, same loop shape. */
  ratchetChecksPerSecond: number;
  /** Pairs both engines evaluated to pass/fail. */
  comparedPairs: number;
  /** Of those, how many agree. */
  agreeingPairs: number;
  /** Checks with disagreements: count and one example each. */
  disagreements: Array<{ checkId: string; count: number; example: string }>;
  /** Pairs only one side evaluated, by reason. */
  coverage: Record<string, number>;
  /** Translated checks jsonfc's own validation accepts, and the messages of those it does not. */
  valid: number;
  /** Validation messages of rejected checks. */
  invalid: string[];
}

/** Ratchet's evaluation loop (as EvaluationService runs it): scorecard scope, check filter, rule. */
function ratchetStatuses(
  entities: GeneratedEntity[],
  definitions: CompiledDefinition[],
  sink?: Map<string, CheckStatus>,
): number {
  let evaluations = 0;
  for (const { entity, entityRef, facts } of entities) {
    for (const definition of definitions) {
      if (!definition.appliesTo(entity)) continue;
      for (const check of definition.checks) {
        const status: CheckStatus = check.compiled.appliesTo(entity)
          ? check.compiled.evaluate(facts).status
          : 'not-applicable';
        evaluations++;
        sink?.set(`${entityRef}\u0000${check.id}`, status);
      }
    }
  }
  return evaluations;
}

function timeSync(
  runs: number,
  fn: () => number,
): { ms: number; count: number } {
  fn(); // warm-up: let V8 optimise before measuring
  fn();
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    count = fn();
    times.push(millisSince(start));
  }
  return { ms: median(times), count };
}

function describeFacts(entity: GeneratedEntity, facts: string[]): string {
  const values = facts.map(ref => {
    const [source, ...path] = ref.split('.');
    let value: JsonValue | undefined = entity.facts[source];
    for (const segment of path) {
      value =
        value && typeof value === 'object' && !Array.isArray(value)
          ? value[segment]
          : undefined;
    }
    return `${ref}=${JSON.stringify(value)}`;
  });
  return `${entity.entityRef}: ${values.join(', ')}`;
}

/** Runs both engines and returns the figures; prints nothing. */
export async function runComparison(
  options: { sampleEntities?: number; entities?: number } = {},
): Promise<ComparisonReport> {
  const all = generateEntities(options.entities ?? 10_000);
  const sampleSize = Math.min(options.sampleEntities ?? 500, all.length);
  const step = Math.max(1, Math.floor(all.length / sampleSize));
  const sample = all.filter((_, i) => i % step === 0).slice(0, sampleSize);
  const scorecard = benchScorecard();
  const checks = scorecard.spec.checks;
  const definitions = benchDefinitions();

  // Ratchet's core over the whole catalog: the issue's ≥ 500k evaluations/s figure.
  const core = timeSync(5, () => ratchetStatuses(all, definitions));
  // Ratchet on the sample: many repeats, since one pass takes a few milliseconds.
  const ours = timeSync(21, () => ratchetStatuses(sample, definitions));
  const ourStatuses = new Map<string, CheckStatus>();
  ratchetStatuses(sample, definitions, ourStatuses);

  // jsonfc, wired as the Tech Insights backend wires it, over an in-memory store and catalog.
  const data = buildTechInsightsData(all, checks);
  const store = await loadStore(data, sample);
  const jsonfcChecks = translateChecks(checks, all);
  const checker = new JsonRulesEngineFactCheckerFactory({
    checks: jsonfcChecks,
    logger: benchLogger(),
    operators: customOperators(),
    catalog: inMemoryCatalog(sample),
    auth: staticAuth(),
  }).construct(store);
  const checkIds = jsonfcChecks.map(c => c.id);
  const invalid: string[] = [];
  for (const check of jsonfcChecks) {
    const validation = await checker.validate(check);
    if (!validation.valid) invalid.push(`${check.id}: ${validation.message}`);
  }

  const runJsonfc = async (entities: GeneratedEntity[]) => {
    const results = new Map<string, JsonRuleBooleanCheckResult[]>();
    for (const { entityRef } of entities) {
      results.set(entityRef, await checker.runChecks(entityRef, checkIds));
    }
    return results;
  };
  await runJsonfc(sample.slice(0, 50)); // warm-up
  const times: number[] = [];
  let jsonfcResults = new Map<string, JsonRuleBooleanCheckResult[]>();
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    jsonfcResults = await runJsonfc(sample);
    times.push(millisSince(start));
  }
  const jsonfcMs = median(times);
  const requested = sample.length * checkIds.length;

  // Equivalence: pass/fail of both engines, where both evaluated.
  const coverage: Record<string, number> = {};
  const bump = (key: string) => (coverage[key] = (coverage[key] ?? 0) + 1);
  const disagreements = new Map<string, { count: number; example: string }>();
  let compared = 0;
  let agreeing = 0;
  const byId = new Map(checks.map(c => [c.id, c]));
  for (const entity of sample) {
    const theirs = new Map<string, boolean>();
    for (const r of jsonfcResults.get(entity.entityRef) ?? [])
      theirs.set(r.check.id, r.result);
    for (const id of checkIds) {
      const status = ourStatuses.get(`${entity.entityRef}\u0000${id}`);
      const result = theirs.get(id);
      const oursEvaluated = status === 'pass' || status === 'fail';
      if (!oursEvaluated || result === undefined) {
        bump(
          `ratchet ${status ?? 'absent'} / jsonfc ${
            result === undefined ? 'skipped' : 'evaluated'
          }`,
        );
        continue;
      }
      compared++;
      if ((status === 'pass') === result) {
        agreeing++;
        continue;
      }
      const entry = disagreements.get(id) ?? { count: 0, example: '' };
      entry.count++;
      if (!entry.example) {
        const facts =
          JSON.stringify(byId.get(id)?.rule).match(/"fact":"[^"]+"/g) ?? [];
        entry.example = `ratchet ${status}, jsonfc ${
          result ? 'pass' : 'fail'
        } — ${describeFacts(entity, [
          ...new Set(facts.map(f => f.slice(8, -1))),
        ])}`;
      }
      disagreements.set(id, entry);
    }
  }

  return {
    sampleEntities: sample.length,
    checks: checkIds.length,
    coreChecksPerSecond: (core.count / core.ms) * 1000,
    coreEntities: all.length,
    jsonfcChecksPerSecond: (requested / jsonfcMs) * 1000,
    ratchetChecksPerSecond: (ours.count / ours.ms) * 1000,
    comparedPairs: compared,
    agreeingPairs: agreeing,
    disagreements: [...disagreements].map(([checkId, d]) => ({
      checkId,
      ...d,
    })),
    coverage,
    valid: jsonfcChecks.length - invalid.length,
    invalid,
  };
}

/** Prints a comparison report. */
export function printComparison(report: ComparisonReport): void {
  const ratio = report.ratchetChecksPerSecond / report.jsonfcChecksPerSecond;
  const agreement = report.comparedPairs
    ? report.agreeingPairs / report.comparedPairs
    : 0;
  console.log(
    `\nRatchet vs Tech Insights jsonfc — ${report.sampleEntities} entities × ${report.checks} checks, in process, facts in memory`,
  );
  printTable(
    ['engine', 'checks/s', 'target'],
    [
      [
        `ratchet core (${report.coreEntities} entities)`,
        formatRate(report.coreChecksPerSecond, 1000),
        '≥ 500k  ' + (report.coreChecksPerSecond >= 500_000 ? 'met' : 'MISSED'),
      ],
      [
        'jsonfc (runChecks per entity)',
        formatRate(report.jsonfcChecksPerSecond, 1000),
        '',
      ],
      [
        'ratchet (same facts, same checks)',
        formatRate(report.ratchetChecksPerSecond, 1000),
        '',
      ],
    ],
  );
  console.log(`jsonfc: ${report.jsonfcChecksPerSecond.toFixed(0)} checks/s`);
  console.log(
    `ratchet: ${report.ratchetChecksPerSecond.toFixed(
      0,
    )} checks/s (same facts, same checks)`,
  );
  console.log(
    `ratio: ${ratio.toFixed(1)} × (goal ≥ 20 ×: ${
      ratio >= 20 ? 'met' : 'MISSED'
    })`,
  );
  console.log(
    `agreement: ${(agreement * 100).toFixed(2)}% of ${
      report.comparedPairs
    } (entity, check) pairs both evaluated (goal ≥ 95%: ${
      agreement >= 0.95 ? 'met' : 'MISSED'
    })`,
  );
  for (const d of report.disagreements)
    console.log(`  disagree ${d.checkId} × ${d.count}: ${d.example}`);
  console.log('pairs not compared:');
  for (const [reason, n] of Object.entries(report.coverage).sort())
    console.log(`  ${reason}: ${n}`);
  console.log(
    `jsonfc validation: ${report.valid} of ${report.checks} translated checks valid`,
  );
  for (const message of report.invalid) console.log(`  invalid ${message}`);
  console.log('translation:');
  for (const note of TRANSLATION_NOTES) console.log(`  - ${note}`);
}

if (require.main === module) {
  const sample = Number(process.argv[2] ?? 500);
  console.log(`node ${process.version}; ${machineLoad()}`);
  runComparison({ sampleEntities: sample })
    .then(printComparison)
    .catch(error => {
      console.error(error);
      process.exitCode = 1;
    });
}
