import type { JsonObject } from '@backstage/types';
import type {
  ReadinessAuditAction,
  ReadinessAuditEntry,
  ReadinessReviewStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import type { StoredAnswer, StoredRecord, StoredReview } from './model';

/** An audit entry to append; id and time are the store's. */
export interface NewReadinessAuditEntry {
  actor: string;
  action: ReadinessAuditAction;
  itemId?: string;
  phase?: string;
  reviewId?: string;
  before: JsonObject | null;
  after: JsonObject | null;
}

/** The state of one entity against one checklist: its record and its reviews, newest first. */
export interface ReadinessState {
  record: StoredRecord;
  reviews: StoredReview[];
}

/** What a change writes: any of these, plus the audit entries that describe it. */
export interface ReadinessChange {
  answers?: StoredAnswer[];
  phase?: string | null;
  targetLaunchDate?: string | null;
  reviews?: StoredReview[];
  audit: NewReadinessAuditEntry[];
}

/** A record row without its answers, for overviews and reminders. */
export interface RecordSummary {
  entityRef: string;
  checklistRef: string;
  phase: string | null;
  targetLaunchDate: string | null;
}

/** The readiness tables. Writes go through `change`, which serialises changes of one record. */
export interface ReadinessStore {
  /** The record (empty when never written) and its reviews. */
  getState(entityRef: string, checklistRef: string): Promise<ReadinessState>;
  /** The records of many entities with their answers (reviews excluded), by entity ref. */
  getRecords(
    keys: ReadonlyArray<{ entityRef: string; checklistRef: string }>,
  ): Promise<Map<string, StoredRecord>>;
  /**
   * Reads the state in a transaction holding the record, lets `decide` compute a change (or throw to
   * write nothing), writes it with its audit entries, and returns the state after it.
   */
  change<T>(
    entityRef: string,
    checklistRef: string,
    decide: (
      state: ReadinessState,
      at: Date,
    ) =>
      | Promise<{ change: ReadinessChange; result: T }>
      | { change: ReadinessChange; result: T },
  ): Promise<{ state: ReadinessState; result: T }>;
  /** Every record row, or those of the given entities. */
  listRecords(entityRefs?: readonly string[]): Promise<RecordSummary[]>;
  /**
   * Per entity, how many people's answers count as acceptable (yes / not-applicable, answered at or after
   * the item's `notBefore`) among the items of each group; groups are cumulative phase buckets.
   */
  countAcceptable(
    checklistRef: string,
    entityRefs: readonly string[],
    groups: ReadonlyArray<ReadonlyArray<{ itemId: string; notBefore?: Date }>>,
  ): Promise<Map<string, number[]>>;
  /** Counts of records per checklist and phase. */
  countByPhase(): Promise<
    Array<{ checklistRef: string; phase: string | null; count: number }>
  >;
  /** Records whose target launch date lies in [from, to] (YYYY-MM-DD). */
  launchesBetween(from: string, to: string): Promise<RecordSummary[]>;
  getReview(id: string): Promise<StoredReview | undefined>;
  /** The entity of every review with one of these statuses (one entry per review). */
  reviewEntityRefs(
    statuses: readonly ReadinessReviewStatus[],
  ): Promise<string[]>;
  /** Reviews with one of these statuses, oldest request first. */
  listReviews(
    statuses: readonly ReadinessReviewStatus[],
  ): Promise<StoredReview[]>;
  /** The entity's audit trail, newest first, below id `before`. */
  audit(
    entityRef: string,
    page: { limit: number; before?: number },
  ): Promise<ReadinessAuditEntry[]>;
  /** The entity's whole audit trail, oldest first. */
  auditAll(entityRef: string): Promise<ReadinessAuditEntry[]>;
}
