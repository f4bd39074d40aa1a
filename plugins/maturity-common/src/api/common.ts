// Models generated from openapi.yaml (`yarn openapi:generate`), re-exported under the names the plugins use;
// only what the spec has no schema for (query parameters, generic pages) is written here.
export type {
  Category,
  Level,
  LevelCount,
  LevelReached,
  ResultCounts,
  ResultStatus,
  StatusCounts,
} from '../schema/openapi';

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
