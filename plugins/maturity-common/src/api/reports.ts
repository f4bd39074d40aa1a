import type { CheckStatus } from '../domain';
import type { Category, Level, LevelCount } from './common';

/** Share of passing results of one category in one roll-up group. */
export interface CategoryShare {
  /** Category id. */
  id: string;
  /** Results that pass or are exempt. */
  passed: number;
  /** Results that pass, are exempt, fail or error (not-applicable ones are left out). */
  total: number;
  /** passed / total, or null when total is 0. */
  share: number | null;
}

/** How a roll-up groups entities. */
export type RollupGroupBy = 'owner' | 'system' | 'domain' | 'org';

/** One group of a roll-up (an owner, system, domain, or `org`). */
export interface RollupGroup {
  /** The owner, system or domain ref, `org` for the whole organisation, null for entities without one. */
  key: string | null;
  entityCount: number;
  distribution: LevelCount[];
  categories: CategoryShare[];
}

/** Level distribution and category shares per group. */
export interface Rollup {
  scorecardRef: string;
  groupBy: RollupGroupBy;
  levels: Level[];
  categories: Category[];
  groups: RollupGroup[];
}

/** A scorecard's level distribution on one day. */
export interface ScorecardHistoryPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  distribution: LevelCount[];
}

/** The level distribution of a scorecard per day. */
export interface ScorecardHistory {
  scorecardRef: string;
  days: number;
  /** One point per day with a snapshot, oldest first, plus today from the current levels. */
  points: ScorecardHistoryPoint[];
}

/** A change of a check's status for an entity. */
export interface Transition {
  checkId: string;
  /** Null for the first result. */
  fromStatus: CheckStatus | null;
  toStatus: CheckStatus;
  message: string;
  at: string;
}

/** One day of an entity's level history on a scorecard. */
export interface LevelSnapshot {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Level id, or null below the first level. */
  level: string | null;
  levelIndex: number;
  passed: number;
  total: number;
}

/** An entity's level over time and its recent status changes on one scorecard. */
export interface EntityHistory {
  entityRef: string;
  scorecardRef: string;
  days: number;
  snapshots: LevelSnapshot[];
  /** Recent status changes. */
  transitions: Transition[];
}

/** One day of a check's pass rate, as the state was at the end of that day (today = now). */
export interface CheckHistoryPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Passing or exempt. */
  passed: number;
  /** Failing or erroring. */
  failed: number;
  /** passed + failed. */
  total: number;
  /** passed / total, or null when total is 0. */
  passRate: number | null;
}

/** A check's pass rate per day. */
export interface CheckHistory {
  scorecardRef: string;
  checkId: string;
  days: number;
  /** Oldest first. */
  points: CheckHistoryPoint[];
}
