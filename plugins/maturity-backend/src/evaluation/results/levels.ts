import type { CheckStatus } from '@ratchet/backstage-plugin-maturity-common';

/** The status of one check of a scorecard for one entity, with the level the check belongs to. */
export interface LevelCheck {
  /** The id of the check's level. */
  level: string;
  /** The check's status for the entity. */
  status: CheckStatus;
}

/** The level an entity reached on a scorecard, with the counts shown beside it. */
export interface ComputedLevel {
  /** The highest level reached; null when even the first level is not. */
  level: string | null;
  /** Its index in the scorecard's order; -1 when none. */
  levelIndex: number;
  /** Applicable checks that pass (exempt included), over all levels. */
  passed: number;
  /** Applicable checks that fail. */
  failed: number;
  /** Applicable checks that could not be evaluated. */
  errored: number;
  /** Applicable checks (not-applicable ones are left out). */
  total: number;
}

/**
 * The level of an entity: it is at level L when every applicable check of L and of every lower level
 * passes. `exempt` counts as a pass; `not-applicable` is ignored; `error` does not pass (a broken
 * check must not promote anyone).
 *
 * A level without applicable checks is passed through: it neither blocks the levels above it nor
 * stops at itself, so a scorecard whose middle level does not apply to an entity (say, runtime checks
 * for a library) still lets it climb. An entity to which nothing applies therefore reaches the top
 * level with total 0, which the UI can show as "no applicable checks". Checks naming a level that is
 * not in `levels` are ignored (the catalog processor rejects such scorecards).
 */
export function computeLevel(
  levels: readonly string[],
  checks: ReadonlyArray<LevelCheck>,
): ComputedLevel {
  const position = new Map(levels.map((id, index) => [id, index]));
  // The lowest level index with an applicable check that does not pass.
  let firstBlocked = levels.length;
  let passed = 0;
  let failed = 0;
  let errored = 0;
  for (const check of checks) {
    const index = position.get(check.level);
    if (index === undefined || check.status === 'not-applicable') {
      continue;
    }
    if (check.status === 'pass' || check.status === 'exempt') {
      passed += 1;
      continue;
    }
    if (check.status === 'error') {
      errored += 1;
    } else {
      failed += 1;
    }
    firstBlocked = Math.min(firstBlocked, index);
  }
  const levelIndex = firstBlocked - 1;
  return {
    level: levelIndex >= 0 ? levels[levelIndex] : null,
    levelIndex,
    passed,
    failed,
    errored,
    total: passed + failed + errored,
  };
}
