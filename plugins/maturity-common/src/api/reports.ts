// Models generated from openapi.yaml (`yarn openapi:generate`), re-exported under the names the plugins use;
// only what the spec has no schema for (query parameters, generic pages) is written here.
import type {
  CheckHistory,
  EntityHistory,
  Rollup,
  ScorecardHistory,
} from '../schema/openapi';

export type {
  CategoryShare,
  CheckHistory,
  EntityHistory,
  Rollup,
  RollupGroup,
  ScorecardHistory,
  Transition,
} from '../schema/openapi';

/** How a roll-up groups entities. */
export type RollupGroupBy = Rollup['groupBy'];

/** One day of a scorecard's level distribution. */
export type ScorecardHistoryPoint = ScorecardHistory['points'][number];

/** One day of an entity's level on a scorecard. */
export type LevelSnapshot = EntityHistory['snapshots'][number];

/** One day of a check's pass rate. */
export type CheckHistoryPoint = CheckHistory['points'][number];
