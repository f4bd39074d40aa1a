// Row shapes of the read-only report queries (ResultReader), apart so that the SQL file stays about SQL.
import type { CheckStatus } from '@ratchet/backstage-plugin-maturity-common';
import type { ComputedLevel } from './levels';

/** Level count of one group. */
export interface GroupLevelRow {
  /** The group key ('' = entities without one). */
  group: string;
  /** Level id, null below the first. */
  level: string | null;
  /** Entities. */
  count: number;
}

/** Passing share of one category in one group. */
export interface GroupCategoryRow {
  /** The group key. */
  group: string;
  /** Category id. */
  category: string;
  /** Results that pass or are exempt. */
  passed: number;
  /** Results that pass, are exempt, fail or error. */
  total: number;
}

/** A status change of one check, as the history needs it. */
export interface CheckTransitionRow {
  /** Entity ref. */
  entityRef: string;
  /** Status before; null for a first result. */
  fromStatus: CheckStatus | null;
  /** Status after. */
  toStatus: CheckStatus;
  /** When (ISO). */
  at: string;
}

/** An entity's current level and counts on one scorecard. */
export interface EntityLevelRow extends ComputedLevel {
  /** Entity ref. */
  entityRef: string;
}

/** Entities at a level on one day of snapshots. */
export interface DayLevelRow {
  /** 'YYYY-MM-DD'. */
  day: string;
  /** Level id, null below the first. */
  level: string | null;
  /** Entities. */
  count: number;
}

/** Results of one check with one status. */
export interface CheckStatusCount {
  /** Check id. */
  checkId: string;
  /** Status. */
  status: CheckStatus;
  /** Results. */
  count: number;
}

/** An entity's stored level on one scorecard, as its view needs it. */
export interface StoredLevel {
  /** Level id, null below the first. */
  level: string | null;
  /** Level index, -1 below the first. */
  levelIndex: number;
  /** Passing (or exempt) results. */
  passed: number;
  /** Failing results. */
  failed: number;
  /** Errored results. */
  errored: number;
  /** Counted results. */
  total: number;
}
