import type { CheckStatus } from '../domain';

/** A check status, or `pending` before the check was first evaluated for the entity. */
export type ResultStatus = CheckStatus | 'pending';

/** How many results have each status. */
export type StatusCounts = Record<CheckStatus, number>;

/** A level of a scorecard, as the API shows it. */
export interface Level {
  id: string;
  title: string;
  description?: string;
  /** The author's CSS colour for badges and charts. */
  color?: string;
}

/** A category of a scorecard's checks, as the API shows it. */
export interface Category {
  id: string;
  title: string;
  description?: string;
}

/** The level an entity reached; id and title are null below the first level (index -1). */
export interface LevelReached {
  id: string | null;
  title: string | null;
  /** Index in the scorecard's levels, lowest first; -1 below the first. */
  index: number;
}

/** How many entities are at a level; `level: null` counts those below the first level. */
export interface LevelCount {
  level: string | null;
  count: number;
}

/** Result counts of one entity on one scorecard or campaign. */
export interface ResultCounts {
  /** Passing or exempt. */
  passed: number;
  failed: number;
  errored: number;
  /** Applicable checks. */
  total: number;
}

/** A page of items with offset pagination. */
export interface OffsetPage<T> {
  items: T[];
  /** Items in all pages. */
  total: number;
  limit: number;
  offset: number;
  /** Offset of the next page, or null on the last one. */
  nextOffset: number | null;
}

/** The report filters (query parameters) of the roll-up, the entity and check lists and the history. */
export interface ReportFilterQuery {
  /** Owner group ref or name. */
  owner?: string;
  /** System ref or name. */
  system?: string;
  /** `spec.lifecycle`. */
  lifecycle?: string;
  /** Entity kind. */
  kind?: string;
}
