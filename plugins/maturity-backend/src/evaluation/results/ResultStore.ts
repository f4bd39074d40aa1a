import type { HumanDuration } from '@backstage/types';
import type {
  CheckOutcome,
  CheckResult,
  CheckStatus,
} from '@ratchet/backstage-plugin-maturity-common';

/** An outcome as stored: the evaluator's outcome, or `exempt` once exemptions have been applied. */
export type StoredOutcome = Omit<CheckOutcome, 'status'> & {
  status: CheckStatus;
};

/** A persisted result; like CheckResult, but the status may be `exempt`. */
export type StoredCheckResult = Omit<CheckResult, 'status'> & {
  status: CheckStatus;
};

/** One evaluated check for one entity, to persist. */
export interface ResultWrite {
  /** The entity ref. */
  entityRef: string;
  /** The scorecard or campaign ref the check belongs to. */
  definitionRef: string;
  /** The check id inside the definition. */
  checkId: string;
  /** What the evaluation (and exemptions) produced. */
  outcome: StoredOutcome;
  /** When it was evaluated. */
  evaluatedAt: Date;
}

/**
 * The part of the current results a write covers completely: stored results inside it that the write
 * does not mention are deleted. Omitted filters match everything, so `{}` is the whole table.
 */
export interface ResultScope {
  /** Only these entities. */
  entityRefs?: string[];
  /** Only these definitions. */
  definitionRefs?: string[];
}

/** A change of status of one check for one entity. */
export interface TransitionRecord {
  /** The entity ref. */
  entityRef: string;
  /** The definition ref. */
  definitionRef: string;
  /** The check id. */
  checkId: string;
  /** The previous status; null for the first result. */
  fromStatus: CheckStatus | null;
  /** The new status. */
  toStatus: CheckStatus;
  /** The message of the new result. */
  message: string;
  /** When the change was evaluated (ISO). */
  at: string;
}

/** What applyResults did. */
export interface ApplyResultsSummary {
  /** Status changes, including first results; removals are not transitions. */
  transitions: TransitionRecord[];
  /** Rows inserted or updated (status, message or failing condition changed). */
  written: number;
  /** Rows deleted because the scope no longer contains them. */
  deleted: number;
  /**
   * With `levels` given: the levels stored before this write for those keys (first-seen keys are absent),
   * read under a row lock so two concurrent writers never both see the same old level.
   */
  previousLevels?: LevelRecord[];
  /**
   * With `factVersions` given: entities left out because their facts changed after they were read (the
   * evaluation that read the newer facts writes them).
   */
  stale?: string[];
}

/** Filters and page of the results of one check. */
export interface CheckResultsQuery {
  /** Only these statuses. */
  status?: CheckStatus | CheckStatus[];
  /** Only these entities (any number). */
  entityRefs?: string[];
  /** Page size; defaults to 100. */
  limit?: number;
  /** Rows to skip; defaults to 0. */
  offset?: number;
}

/** A page of results, sorted by entity ref. */
export interface CheckResultsPage {
  /** The page. */
  items: StoredCheckResult[];
  /** How many results match the filters in all. */
  total: number;
}

/** How many results of a check have each status. */
export type StatusCounts = Record<CheckStatus, number>;

/** Filters of the transition history. */
export interface TransitionsQuery {
  /** Only this entity. */
  entityRef?: string;
  /** Only this definition. */
  definitionRef?: string;
  /** Only this check id (usually with definitionRef). */
  checkId?: string;
  /** Most transitions to return; defaults to 100. */
  limit?: number;
}

/** The level of an entity on a scorecard, as computed by computeLevel. */
export interface LevelWrite {
  /** The entity ref. */
  entityRef: string;
  /** The scorecard ref. */
  scorecardRef: string;
  /** The level id reached; null when below the first level. */
  level: string | null;
  /** Index of the level in the scorecard's order; -1 when none. */
  levelIndex: number;
  /** Checks passed (exempt included). */
  passed: number;
  /** Checks failed. */
  failed: number;
  /** Checks that could not be evaluated. */
  errored: number;
  /** Applicable checks. */
  total: number;
}

/** A stored level. */
export interface LevelRecord extends LevelWrite {
  /** When the level or its counts last changed (ISO). */
  updatedAt: string;
}

/** A level as it was at the end of a day. */
export interface LevelSnapshot {
  /** 'YYYY-MM-DD'. */
  day: string;
  /** The entity ref. */
  entityRef: string;
  /** The scorecard ref. */
  scorecardRef: string;
  /** The level id reached; null when below the first level. */
  level: string | null;
  /** Index of the level; -1 when none. */
  levelIndex: number;
  /** Checks passed (exempt included). */
  passed: number;
  /** Applicable checks. */
  total: number;
}

/** Current results with their status history, and levels with daily snapshots. */
export interface ResultStore {
  /**
   * Persists results in one transaction, writing only rows whose status, message or failing condition
   * changed; `since` is kept while the status stays the same. With a scope, stored results inside it
   * that are not in `results` are deleted. A key repeated in `results` keeps its last entry. `levels`
   * are written in the same transaction (as by writeLevels), so results and levels never disagree; with
   * `snapshotDay`, the changed levels also replace their rows in that day's snapshot when it has one.
   */
  applyResults(
    results: ResultWrite[],
    options?: {
      scope?: ResultScope;
      levels?: LevelWrite[];
      snapshotDay?: string;
      /** The fact version each entity's results were computed from (FactStore.getFactsAndVersions). */
      factVersions?: ReadonlyMap<string, string>;
    },
  ): Promise<ApplyResultsSummary>;

  /** A counter that every change of results, levels or exemptions (on any instance) increments. */
  getViewGeneration(): Promise<number>;

  /** Every current result of an entity, by definition and check. */
  getResultsForEntity(entityRef: string): Promise<StoredCheckResult[]>;

  /** A page of the current results of one check. */
  getResultsForCheck(
    definitionRef: string,
    checkId: string,
    query?: CheckResultsQuery,
  ): Promise<CheckResultsPage>;

  /** Status counts of every check of a definition, by check id. */
  countByStatus(definitionRef: string): Promise<Record<string, StatusCounts>>;

  /** Status transitions, newest first. */
  getTransitions(query?: TransitionsQuery): Promise<TransitionRecord[]>;

  /** Deletes transitions older than maxAge; returns how many. */
  pruneTransitions(options: { maxAge: HumanDuration }): Promise<number>;

  /**
   * Stores levels in one transaction, writing only changed rows; returns the previously stored levels
   * of those keys (keys seen for the first time are absent), so the caller can detect drops.
   */
  writeLevels(levels: LevelWrite[]): Promise<LevelRecord[]>;

  /** The current levels on a scorecard, optionally of some entities only, sorted by entity ref. */
  getLevels(query: {
    scorecardRef: string;
    entityRefs?: string[];
  }): Promise<LevelRecord[]>;

  /** Copies the current levels into the snapshot of `day`, replacing that day's rows; returns the row count. */
  snapshotLevels(day: string): Promise<number>;

  /** Whether the snapshot of `day` has any row (of this scorecard, when given). */
  hasSnapshot(day: string, scorecardRef?: string): Promise<boolean>;

  /** Deletes snapshots of days before `olderThanDay`; returns how many rows. */
  pruneSnapshots(olderThanDay: string): Promise<number>;

  /** The snapshots of one entity on one scorecard from `sinceDay` on, oldest first. */
  getLevelHistory(
    entityRef: string,
    scorecardRef: string,
    sinceDay: string,
  ): Promise<LevelSnapshot[]>;

  /** Deletes current results, transitions and levels of entities gone from the catalog (snapshots stay: they were true on their day). */
  deleteEntities(entityRefs: string[]): Promise<void>;
}

/** What views may read of the result store: results, levels, transitions and history, no writes. */
export type ResultView = Pick<
  ResultStore,
  | 'getViewGeneration'
  | 'getResultsForEntity'
  | 'getResultsForCheck'
  | 'countByStatus'
  | 'getTransitions'
  | 'getLevels'
  | 'getLevelHistory'
  | 'hasSnapshot'
>;
