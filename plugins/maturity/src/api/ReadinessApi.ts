import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ReadinessAnswerRequest,
  ReadinessAuditPage,
  ReadinessGateResult,
  ReadinessOverview,
  ReadinessOverviewQuery,
  ReadinessPhaseRequest,
  ReadinessQueuePage,
  ReadinessQueueQuery,
  ReadinessRecord,
  ReadinessReview,
  ReadinessReviewActionRequest,
  ReadinessReviewRequest,
} from '@ratchet/backstage-plugin-maturity-common';

/** The readiness routes of the maturity backend as the frontend uses them (entities by ref, e.g. `component:default/x`). */
export interface ReadinessApi {
  /** The entity's record against its checklist; undefined when no checklist applies (404). */
  getRecord(entityRef: string): Promise<ReadinessRecord | undefined>;
  /** Answers one item; the record as it stands after. */
  answerItem(
    entityRef: string,
    itemId: string,
    body: ReadinessAnswerRequest,
  ): Promise<ReadinessRecord>;
  /** Sets or clears the target launch date (YYYY-MM-DD). */
  setTargetLaunchDate(
    entityRef: string,
    targetLaunchDate: string | null,
  ): Promise<ReadinessRecord>;
  /** Enters the next phase or moves back to an earlier one. */
  movePhase(
    entityRef: string,
    body: ReadinessPhaseRequest,
  ): Promise<ReadinessRecord>;
  /** Requests the sign-off of the next phase. */
  requestReview(
    entityRef: string,
    body: ReadinessReviewRequest,
  ): Promise<ReadinessReview>;
  /** Approve, request changes, veto, lift a veto, or withdraw. */
  actOnReview(
    reviewId: string,
    body: ReadinessReviewActionRequest,
  ): Promise<ReadinessReview>;
  /** The entity's audit trail, newest first. */
  getAudit(
    entityRef: string,
    options?: { limit?: number; before?: number },
  ): Promise<ReadinessAuditPage>;
  /** The whole audit trail, oldest first, as CSV or JSON text (fetched with the user's token, saved as a file). */
  exportAudit(entityRef: string, format: 'csv' | 'json'): Promise<string>;
  /** The reviewer queue, oldest request first. */
  listReviews(query?: ReadinessQueueQuery): Promise<ReadinessQueuePage>;
  /** The org page: entities by phase and upcoming launches with open items. */
  getOverview(query?: ReadinessOverviewQuery): Promise<ReadinessOverview>;
  /** The CI gate: may the entity be in `phase` now? */
  getGate(entityRef: string, phase: string): Promise<ReadinessGateResult>;
}

/** The readiness API reference. */
export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.maturity.readiness',
});
