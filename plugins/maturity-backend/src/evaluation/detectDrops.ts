import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';
import type { LevelDrop } from './EvaluationService';
import type {
  LevelRecord,
  LevelWrite,
  TransitionRecord,
} from './results/ResultStore';

/** The owner ref in an entity's catalog facts, when known. */
export function ownerOf(facts: EntityFacts): string | undefined {
  const owner = facts.catalog?.owner;
  if (
    owner &&
    typeof owner === 'object' &&
    !Array.isArray(owner) &&
    typeof owner.ref === 'string'
  ) {
    return owner.ref;
  }
  return undefined;
}

/** The level drops among a write's levels, each with the check regressions that caused it. */
export function detectDrops(
  previous: LevelRecord[],
  inputs: Array<{ write: LevelWrite; ownerRef?: string }>,
  transitions: TransitionRecord[],
): LevelDrop[] {
  const before = new Map(
    previous.map(p => [`${p.entityRef}|${p.scorecardRef}`, p]),
  );
  const drops: LevelDrop[] = [];
  for (const { write, ownerRef } of inputs) {
    const prior = before.get(`${write.entityRef}|${write.scorecardRef}`);
    if (!prior || write.levelIndex >= prior.levelIndex) continue;
    drops.push({
      entityRef: write.entityRef,
      scorecardRef: write.scorecardRef,
      from: prior.level,
      to: write.level,
      ownerRef,
      regressed: transitions.filter(
        t =>
          t.entityRef === write.entityRef &&
          t.definitionRef === write.scorecardRef &&
          (t.fromStatus === 'pass' || t.fromStatus === 'exempt') &&
          (t.toStatus === 'fail' || t.toStatus === 'error'),
      ),
    });
  }
  return drops;
}
