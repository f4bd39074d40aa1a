/*
 * The estate of the kill-mid-sweep test, shared by the test and the child process it kills: entities whose
 * every result message names the fact generation it was computed from, so that a result row tells which
 * evaluation wrote it.
 */
import type { JsonObject } from '@backstage/types';
import type { ScorecardEntityV1alpha1 } from '@ratchet/backstage-plugin-maturity-common';
import type { FactWrite } from '../facts/FactStore';
import {
  compileDefinitions,
  CompiledDefinition,
} from '../evaluation/definitions/compileDefinitions';

/** Entities in the estate. */
export const ENTITY_COUNT = 5000;

/** The scorecard ref. */
export const SCORECARD_REF = 'scorecard:default/kill-test';

/** The entity ref of entity `i`, zero-padded so refs sort in creation order. */
export const entityRef = (i: number) =>
  `component:default/svc-${String(i).padStart(5, '0')}`;

/**
 * Generation 1 passes every check (level silver); generation 2 fails `healthy` (bronze) and `coverage`
 * (silver), so its level is none. Every message carries `generation N`.
 */
export function scorecard(): ScorecardEntityV1alpha1 {
  const check = (
    id: string,
    level: string,
    fact: string,
    operator: 'equal' | 'greaterThanInclusive',
    value: number | boolean,
  ) => ({
    id,
    title: id,
    level,
    category: 'reliability',
    rule: { fact, operator, value },
    messages: {
      pass: `${id} passes at generation {{pushed.generation}}`,
      fail: `${id} fails at generation {{pushed.generation}}`,
    },
  });
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: { name: 'kill-test', namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      levels: [
        { id: 'bronze', title: 'Bronze' },
        { id: 'silver', title: 'Silver' },
      ],
      categories: [{ id: 'reliability', title: 'Reliability' }],
      checks: [
        check(
          'generation-known',
          'bronze',
          'pushed.generation',
          'greaterThanInclusive',
          1,
        ),
        check('healthy', 'bronze', 'pushed.healthy', 'equal', true),
        check('owned', 'bronze', 'catalog.owner.exists', 'equal', true),
        check(
          'coverage',
          'silver',
          'pushed.coverage',
          'greaterThanInclusive',
          80,
        ),
        check('documented', 'silver', 'catalog.hasDocs', 'equal', true),
      ],
    },
  };
}

/** The compiled scorecard. */
export function definitions(): CompiledDefinition[] {
  return compileDefinitions([scorecard()]);
}

/** What each check's status is at a generation. */
export function expectedStatuses(
  generation: 1 | 2,
): Record<string, 'pass' | 'fail'> {
  const healthy = generation === 1 ? 'pass' : 'fail';
  return {
    'generation-known': 'pass',
    healthy,
    owned: 'pass',
    coverage: healthy,
    documented: 'pass',
  };
}

/** The level at a generation. */
export function expectedLevel(generation: 1 | 2): string | null {
  return generation === 1 ? 'silver' : null;
}

/** Catalog and pushed facts of every entity at a generation. */
export function factWrites(generation: 1 | 2): FactWrite[] {
  const writes: FactWrite[] = [];
  for (let i = 0; i < ENTITY_COUNT; i++) {
    const name = `svc-${String(i).padStart(5, '0')}`;
    const catalog: JsonObject = {
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/team-a',
      },
      owner: { exists: true, ref: 'group:default/team-a', kind: 'group' },
      hasDocs: true,
    };
    const pushed: JsonObject = {
      generation,
      healthy: generation === 1,
      coverage: generation === 1 ? 90 : 40,
    };
    writes.push({ entityRef: entityRef(i), source: 'catalog', facts: catalog });
    writes.push({ entityRef: entityRef(i), source: 'pushed', facts: pushed });
  }
  return writes;
}
