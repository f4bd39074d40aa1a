/*
 * The benchmark's checks wrapped into a Scorecard entity (3 levels, 5 categories), so that benchmarks go
 * through compileDefinitions exactly as the plugin does with a Scorecard read from the catalog.
 */
import type { JsonObject } from '@backstage/types';
import type {
  ScorecardCheck,
  ScorecardEntityV1alpha1,
} from '@ratchet/backstage-plugin-maturity-common';
import {
  compileDefinitions,
  CompiledDefinition,
} from '../../plugins/maturity-backend/src/evaluation/definitions/compileDefinitions';
import type { DefinitionProvider } from '../../plugins/maturity-backend/src/evaluation/EvaluationService';
import { generateChecks } from './generate';

/** The ref of the benchmark scorecard. */
export const BENCH_SCORECARD_REF = 'scorecard:default/bench-maturity';

const LEVELS = ['bronze', 'silver', 'gold'] as const;
const CATEGORIES = [
  'ownership',
  'documentation',
  'security',
  'reliability',
  'delivery',
] as const;

/**
 * Bronze: the standard variant of the first 8 check shapes; silver: the other 17 standard ones; gold:
 * every strict variant. A spread like a real scorecard: most entities reach bronze or silver, few gold.
 */
function levelOf(index: number): (typeof LEVELS)[number] {
  if (index < 8) return 'bronze';
  if (index < 25) return 'silver';
  return 'gold';
}

/** The Scorecard entity holding the 50 benchmark checks; it rates Components and APIs. */
export function benchScorecard(checkCount = 50): ScorecardEntityV1alpha1 {
  // The checks are plain JSON built from templates; the cast only adds the index signature that the
  // catalog's Entity type demands of a spec (interfaces such as ScorecardCheck do not declare one).
  const checks = generateChecks(checkCount).map(
    (check, index) =>
      ({
        ...check,
        level: levelOf(index),
        category: CATEGORIES[index % CATEGORIES.length],
      } as ScorecardCheck & JsonObject),
  );
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: {
      name: 'bench-maturity',
      namespace: 'default',
      title: 'Benchmark maturity',
    },
    spec: {
      owner: 'group:default/platform',
      appliesTo: { kind: ['Component', 'API'] },
      levels: LEVELS.map(id => ({
        id,
        title: id[0].toUpperCase() + id.slice(1),
      })),
      categories: CATEGORIES.map(id => ({
        id,
        title: id[0].toUpperCase() + id.slice(1),
      })),
      checks,
    },
  };
}

/** compileDefinitions over the benchmark scorecard. */
export function benchDefinitions(checkCount = 50): CompiledDefinition[] {
  return compileDefinitions([benchScorecard(checkCount)]);
}

/** A DefinitionProvider that always returns the same compiled definitions (no catalog round trip). */
export function staticDefinitions(
  definitions: CompiledDefinition[],
): DefinitionProvider {
  const ready = Promise.resolve(definitions);
  return { getDefinitions: () => ready };
}
