import type { CheckStatus } from '@ratchet/backstage-plugin-maturity-common';
import type {
  CheckStatusCount,
  CheckTransitionRow,
  DayLevelRow,
  EntityLevelRow,
  GroupCategoryRow,
  GroupLevelRow,
  StoredLevel,
} from './queryRows';
import type { StatusCounts } from './ResultStore';

/**
 * Read-only aggregations over the results, levels, transitions and snapshots that the views (scorecards,
 * reports, roll-ups) need and ResultStore does not offer: evaluation owns and writes those tables, views
 * read them only through this interface. Groupings and visibility are decided by the caller and passed
 * in as entity → group maps.
 */
export interface ResultReader {
  /** Every entity rated by a scorecard (it has a level row). */
  ratedEntityRefs(scorecardRef: string): Promise<string[]>;
  /** The level of every rated entity, on one scorecard or all of them. */
  levelRows(
    scorecardRef?: string,
  ): Promise<
    Array<{ scorecardRef: string; entityRef: string; level: string | null }>
  >;
  /** Entities per group and level on a scorecard, over the mapped entities only. */
  levelDistribution(
    scorecardRef: string,
    groups: Map<string, string>,
  ): Promise<GroupLevelRow[]>;
  /** Passing results per group and category on a scorecard, over the mapped entities only. */
  categoryShares(
    scorecardRef: string,
    categoryOfCheck: Map<string, string>,
    groups: Map<string, string>,
  ): Promise<GroupCategoryRow[]>;
  /** Results per check and status on a scorecard over `entities`, a subset of `rated`. */
  checkStatusCounts(
    scorecardRef: string,
    entities: ReadonlySet<string>,
    rated: readonly string[],
  ): Promise<CheckStatusCount[]>;
  /** The stored level of one entity on every scorecard that rates it, by scorecard ref. */
  entityLevels(entityRef: string): Promise<Map<string, StoredLevel>>;
  /** Status counts of one check over some entities. */
  statusCounts(
    definitionRef: string,
    checkId: string,
    entityRefs: string[],
  ): Promise<StatusCounts>;
  /** The current status of one check for every entity that has a result. */
  checkStatuses(
    definitionRef: string,
    checkId: string,
  ): Promise<Map<string, CheckStatus>>;
  /** Status changes of one check since a moment, newest first. */
  checkTransitionsSince(
    definitionRef: string,
    checkId: string,
    since: Date,
  ): Promise<CheckTransitionRow[]>;
  /** One page of the given entities' levels on a scorecard, lowest level first, with how many have one. */
  entityLevelPage(
    scorecardRef: string,
    entityRefs: Iterable<string>,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: EntityLevelRow[] }>;
  /** Every entity in the snapshots of a scorecard from `sinceDay` on. */
  snapshotEntityRefs(scorecardRef: string, sinceDay: string): Promise<string[]>;
  /** Entities per day and level in the snapshots of a scorecard from `sinceDay` on, over the given entities. */
  snapshotDistribution(
    scorecardRef: string,
    sinceDay: string,
    entityRefs: Iterable<string>,
  ): Promise<DayLevelRow[]>;
}
