// Operational readiness: the models of the `/readiness` routes, generated from openapi.yaml (`yarn
// openapi:generate`) and re-exported under the names the plugins use; only what the spec has no schema for
// (query parameters, names for inline unions) is written here. One record per entity follows one Checklist
// (chosen by its `appliesTo`, or by READINESS_CHECKLIST_ANNOTATION); expiry is computed when read: an
// expired answer counts as unanswered.
import type {
  ActOnReadinessReviewRequest,
  AnswerReadinessItemRequest,
  MoveReadinessPhaseRequest,
  ReadinessAuditEntry,
  ReadinessPhase,
  ReadinessReviewerVote,
  ReadinessReviewStatus,
  RequestReadinessReviewRequest,
  UpdateReadinessRequest,
} from '../schema/openapi';

export type {
  ReadinessAnswer,
  ReadinessArea,
  ReadinessAuditEntry,
  ReadinessAuditPage,
  ReadinessBlocker,
  ReadinessGateItem,
  ReadinessGateResult,
  ReadinessItem,
  ReadinessItemCheck,
  ReadinessItemComment,
  ReadinessItemState,
  ReadinessLaunch,
  ReadinessNextPhase,
  ReadinessOverview,
  ReadinessPhase,
  ReadinessPhaseCount,
  ReadinessProgress,
  ReadinessQueueItem,
  ReadinessQueuePage,
  ReadinessRecord,
  ReadinessReview,
  ReadinessReviewEvent,
  ReadinessReviewerVote,
  ReadinessReviewStatus,
} from '../schema/openapi';

/** The entity annotation that names the Checklist an entity follows, overriding `appliesTo`. */
export const READINESS_CHECKLIST_ANNOTATION = 'ratchet.dev/checklist';

/** Where a phase stands for the entity: `done` before the current one, `next` right after it. */
export type ReadinessPhaseStatus = ReadinessPhase['status'];

/** The body of `PUT /readiness/entities/{kind}/{namespace}/{name}/items/{itemId}`. */
export type ReadinessAnswerRequest = AnswerReadinessItemRequest;

/** The body of `POST /readiness/entities/{kind}/{namespace}/{name}/phase`. */
export type ReadinessPhaseRequest = MoveReadinessPhaseRequest;

/** The body of `PATCH /readiness/entities/{kind}/{namespace}/{name}`. */
export type ReadinessRecordUpdate = UpdateReadinessRequest;

/** The body of `POST /readiness/entities/{kind}/{namespace}/{name}/reviews`. */
export type ReadinessReviewRequest = RequestReadinessReviewRequest;

/** A reviewer's standing decision. */
export type ReadinessReviewerDecision = ReadinessReviewerVote['decision'];

/** What a reviewer (or, for `withdraw`, the team) does to a review. */
export type ReadinessReviewAction = ActOnReadinessReviewRequest['action'];

/** The body of `POST /readiness/reviews/{id}/actions`. */
export type ReadinessReviewActionRequest = ActOnReadinessReviewRequest;

/** What an audit entry records. */
export type ReadinessAuditAction = ReadinessAuditEntry['action'];

/** The query of `GET /readiness/reviews`. */
export interface ReadinessQueueQuery {
  /** Default: open and changes-requested and vetoed. */
  status?: ReadinessReviewStatus;
  phase?: string;
  area?: string;
  /** Only reviews the caller may act on. */
  mine?: boolean;
  limit?: number;
  offset?: number;
}

/** The query of `GET /readiness/overview`. */
export interface ReadinessOverviewQuery {
  /** Owner group ref or name. */
  owner?: string;
  /** Default 60. */
  launchWithinDays?: number;
}
