import type { JsonObject } from '@backstage/types';
import type { OffsetPage, ResultStatus } from './common';

/*
 * Operational readiness: the models of the `/readiness` routes. One record per entity follows one
 * Checklist (chosen by the checklist's `appliesTo`, or by the entity annotation READINESS_CHECKLIST_ANNOTATION).
 * Expiry is computed when read: an expired answer counts as unanswered.
 */

/** The entity annotation that names the Checklist an entity follows, overriding `appliesTo`. */
export const READINESS_CHECKLIST_ANNOTATION = 'ratchet.dev/checklist';

/** A team's answer to a checklist item. */
export type ReadinessAnswer = 'yes' | 'no' | 'not-applicable';

/** Where an item stands now: `expired` answers count as unanswered. */
export type ReadinessItemState = 'unanswered' | 'answered' | 'expired';

/** The check that answers an item automatically, with its current result for the entity. */
export interface ReadinessItemCheck {
  /** The scorecard or campaign ref, e.g. `scorecard:default/service-maturity`. */
  definitionRef: string;
  checkId: string;
  /** The check's current result for the entity (`pending` before it was evaluated). */
  status: ResultStatus;
}

/** One checklist item with the entity's answer. */
export interface ReadinessItem {
  id: string;
  prompt: string;
  /** Markdown. */
  guidance?: string;
  /** The first phase (id) in which the item must be answered. */
  requiredFor: string;
  evidenceRequired: boolean;
  /** ISO 8601 duration after which an answer expires, e.g. `P90D`. */
  reattestEvery?: string;
  state: ReadinessItemState;
  /** The recorded answer (also when expired); absent when never answered. */
  answer?: ReadinessAnswer;
  /** Why `not-applicable` (required for it). */
  justification?: string;
  notes?: string;
  /** http(s) URLs. */
  evidence: string[];
  /** A user entity ref, or the check ref for automatic answers. */
  answeredBy?: string;
  answeredAt?: string;
  expiresAt?: string;
  /** Past expiresAt now; the item then counts as unanswered. */
  expired: boolean;
  /** Counts toward entering a phase: answered `yes` or `not-applicable`, not expired. */
  acceptable: boolean;
  /** Answered from `check`'s result; people cannot override it (an exemption on the check is the way). */
  automatic: boolean;
  /** The check that answers it, for automatic items. */
  check?: ReadinessItemCheck;
}

/** Acceptable items out of all items. */
export interface ReadinessProgress {
  acceptable: number;
  total: number;
}

/** An area of the checklist with its items. */
export interface ReadinessArea {
  id: string;
  title: string;
  description?: string;
  items: ReadinessItem[];
  progress: ReadinessProgress;
}

/** Where a phase stands for the entity: `done` before the current one, `next` right after it. */
export type ReadinessPhaseStatus = 'done' | 'current' | 'next' | 'later';

/** A phase of the checklist as it stands for the entity. */
export interface ReadinessPhase {
  id: string;
  title: string;
  description?: string;
  signOffRequired: boolean;
  status: ReadinessPhaseStatus;
  /** Items required for this phase or an earlier one that are not acceptable now. */
  openItems: number;
}

/** Why the entity cannot enter a phase now. */
export interface ReadinessBlocker {
  /** `item`: an item not answered acceptably; `sign-off`: no approved review; `order`: phases cannot be skipped. */
  kind: 'item' | 'sign-off' | 'order';
  /** The item, for `item` blockers. */
  itemId?: string;
  message: string;
}

/** Whether the entity can enter its next phase, and what stops it. */
export interface ReadinessNextPhase {
  phase: string;
  allowed: boolean;
  blockers: ReadinessBlocker[];
}

/** The readiness record of one entity against its Checklist. */
export interface ReadinessRecord {
  entityRef: string;
  checklistRef: string;
  checklistTitle: string;
  /** The reviewing group of the checklist. */
  reviewersGroup: string;
  requiredApprovals: number;
  /** The phase the entity has entered (a phase id), null before the first. */
  phase: string | null;
  /** YYYY-MM-DD. */
  targetLaunchDate: string | null;
  phases: ReadinessPhase[];
  areas: ReadinessArea[];
  progress: ReadinessProgress;
  /** Null in the last phase. */
  next: ReadinessNextPhase | null;
  /** Reviews of this entity, newest request first. */
  reviews: ReadinessReview[];
  /** What the caller may do (the server enforces it regardless). */
  viewer: { canAnswer: boolean; canReview: boolean };
  updatedAt: string | null;
}

/** The body of `PUT /readiness/entities/{kind}/{namespace}/{name}/items/{itemId}`. */
export interface ReadinessAnswerRequest {
  answer: ReadinessAnswer;
  /** Required for `not-applicable`. */
  justification?: string;
  notes?: string;
  /** http(s) URLs; at least one for items with evidenceRequired. */
  evidence?: string[];
  /** When given, must be the entity's checklist. */
  checklistRef?: string;
}

/** The body of `POST /readiness/entities/{kind}/{namespace}/{name}/phase`. */
export interface ReadinessPhaseRequest {
  /** The next phase, or any earlier one (moving back). */
  phase: string;
  /** Why (recorded in the audit trail); required when moving back. */
  reason?: string;
}

/** The body of `PATCH /readiness/entities/{kind}/{namespace}/{name}`. */
export interface ReadinessRecordUpdate {
  /** YYYY-MM-DD, or null to clear it. */
  targetLaunchDate: string | null;
}

/** The body of `POST /readiness/entities/{kind}/{namespace}/{name}/reviews`. */
export interface ReadinessReviewRequest {
  /** The next phase; it must have signOffRequired. */
  phase: string;
  /** A note for the reviewers. */
  note?: string;
}

/** A review as a whole: `approved` once requiredApprovals reviewers approved and no veto stands. */
export type ReadinessReviewStatus =
  | 'open'
  | 'changes-requested'
  | 'vetoed'
  | 'approved'
  | 'withdrawn';

/** A reviewer's standing decision. */
export type ReadinessReviewerDecision = 'approve' | 'request-changes' | 'veto';

/** What a reviewer (or, for `withdraw`, the team) does to a review. */
export type ReadinessReviewAction =
  | ReadinessReviewerDecision
  | 'lift-veto'
  | 'withdraw';

/** A reviewer's comment on one item. */
export interface ReadinessItemComment {
  itemId: string;
  comment: string;
}

/** The body of `POST /readiness/reviews/{id}/actions`. */
export interface ReadinessReviewActionRequest {
  action: ReadinessReviewAction;
  /** Required for `veto` and `lift-veto`. */
  reason?: string;
  /** Per-item comments; `request-changes` needs a reason or at least one. */
  comments?: ReadinessItemComment[];
}

/** The current decision of one reviewer. */
export interface ReadinessReviewerVote {
  reviewer: string;
  decision: ReadinessReviewerDecision;
  at: string;
  reason?: string;
  comments: ReadinessItemComment[];
}

/** One step of a review's timeline. */
export interface ReadinessReviewEvent {
  at: string;
  actor: string;
  action:
    | 'requested'
    | 'approved'
    | 'changes-requested'
    | 'vetoed'
    | 'veto-lifted'
    | 'reopened'
    | 'withdrawn';
  reason?: string;
  comments?: ReadinessItemComment[];
  /** For `reopened`: the item whose change re-opened it. */
  itemId?: string;
}

/** A sign-off request for one phase of one entity. */
export interface ReadinessReview {
  id: string;
  entityRef: string;
  checklistRef: string;
  phase: string;
  status: ReadinessReviewStatus;
  requestedBy: string;
  requestedAt: string;
  note?: string;
  requiredApprovals: number;
  /** Distinct reviewers whose standing decision is approve. */
  approvals: number;
  /** Standing decisions, one per reviewer; cleared when the review re-opens. */
  votes: ReadinessReviewerVote[];
  /** The standing veto, until the vetoing reviewer lifts it. */
  veto?: { reviewer: string; reason: string; at: string };
  approvedAt?: string;
  /** Users who answered items of this review: they may not review it. */
  answeredBy: string[];
  events: ReadinessReviewEvent[];
}

/** A review waiting in the reviewer queue. */
export interface ReadinessQueueItem {
  review: ReadinessReview;
  /** Areas holding items required for the review's phase or earlier. */
  areas: string[];
  /** Whole days since the review was requested. */
  waitingDays: number;
  /** The caller may act on it (is a reviewer and answered none of its items). */
  canReview: boolean;
}

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

/** A page of the reviewer queue, oldest request first. */
export type ReadinessQueuePage = OffsetPage<ReadinessQueueItem>;

/** What an audit entry records. */
export type ReadinessAuditAction =
  | 'answer'
  | 'automatic-answer'
  | 'phase'
  | 'target-launch-date'
  | 'review-requested'
  | 'review-approved'
  | 'review-changes-requested'
  | 'review-vetoed'
  | 'review-veto-lifted'
  | 'review-reopened'
  | 'review-withdrawn';

/** One append-only audit entry: who did what, when, before and after. */
export interface ReadinessAuditEntry {
  id: number;
  at: string;
  /** A user entity ref, or the check ref for automatic answers. */
  actor: string;
  entityRef: string;
  checklistRef: string;
  action: ReadinessAuditAction;
  itemId?: string;
  phase?: string;
  reviewId?: string;
  before: JsonObject | null;
  after: JsonObject | null;
}

/** Audit entries of an entity, newest first; `nextBefore` pages on. */
export interface ReadinessAuditPage {
  items: ReadinessAuditEntry[];
  nextBefore: number | null;
}

/** Why an item keeps the gate closed. */
export interface ReadinessGateItem {
  itemId: string;
  areaId: string;
  prompt: string;
  requiredFor: string;
  state: ReadinessItemState;
  answer?: ReadinessAnswer;
  automatic: boolean;
}

/** The CI gate: may the entity be in `phase` now? */
export interface ReadinessGateResult {
  pass: boolean;
  entityRef: string;
  checklistRef: string;
  /** The phase asked about. */
  phase: string;
  /** The phase the entity has entered. */
  currentPhase: string | null;
  /** Items required for the phase or earlier that are not acceptable now. */
  openItems: ReadinessGateItem[];
  /** For phases with signOffRequired: the latest review's status, or `missing`. */
  signOff: ReadinessReviewStatus | 'missing' | 'not-required';
  /** Every reason it fails, readable on its own. */
  reasons: string[];
}

/** Entities in one phase of one checklist. */
export interface ReadinessPhaseCount {
  checklistRef: string;
  /** Null: not entered any phase yet. */
  phase: string | null;
  phaseTitle: string | null;
  count: number;
}

/** A launch coming up with items still open. */
export interface ReadinessLaunch {
  entityRef: string;
  checklistRef: string;
  phase: string | null;
  targetLaunchDate: string;
  /** Items not acceptable now (any phase). */
  openItems: number;
  /** Open items required for the next phase or earlier. */
  openForNext: number;
}

/** The org page: entities by phase and launches in the window. */
export interface ReadinessOverview {
  /** Entities with a readiness record that the caller can see. */
  total: number;
  byPhase: ReadinessPhaseCount[];
  /** Launches within `launchWithinDays`, soonest first, with open items. */
  launches: ReadinessLaunch[];
  launchWithinDays: number;
  openReviews: number;
}

/** The query of `GET /readiness/overview`. */
export interface ReadinessOverviewQuery {
  /** Owner group ref or name. */
  owner?: string;
  /** Default 60. */
  launchWithinDays?: number;
}
