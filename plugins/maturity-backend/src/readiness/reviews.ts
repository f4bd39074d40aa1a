import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type {
  ReadinessItemComment,
  ReadinessReviewAction,
  ReadinessReviewerVote,
  ReadinessReviewStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import type { StoredReview } from './model';

/*
 * The review machine (the product technical walkthrough). Status follows from the standing votes:
 * any standing veto → vetoed (only its reviewer can lift it); requiredApprovals approvals → approved;
 * a request for changes → changes-requested; else open. A change to a covered answer after approval
 * re-opens the review and clears the approvals. Nobody votes on a review of answers they gave.
 */

/** Reviews that still count: not withdrawn. */
export function isLive(review: StoredReview): boolean {
  return review.status !== 'withdrawn';
}

/** The status the standing votes give. */
export function statusOf(
  votes: readonly ReadinessReviewerVote[],
  requiredApprovals: number,
): Exclude<ReadinessReviewStatus, 'withdrawn'> {
  if (votes.some(v => v.decision === 'veto')) return 'vetoed';
  if (votes.filter(v => v.decision === 'approve').length >= requiredApprovals) {
    return 'approved';
  }
  if (votes.some(v => v.decision === 'request-changes')) {
    return 'changes-requested';
  }
  return 'open';
}

function withVotes(
  review: StoredReview,
  votes: ReadinessReviewerVote[],
  at: string,
): StoredReview {
  const status = statusOf(votes, review.requiredApprovals);
  const firstVeto = votes.find(v => v.decision === 'veto');
  const next: StoredReview = {
    ...review,
    status,
    votes,
    approvals: votes.filter(v => v.decision === 'approve').length,
  };
  delete next.veto;
  if (firstVeto) {
    next.veto = {
      reviewer: firstVeto.reviewer,
      reason: firstVeto.reason ?? '',
      at: firstVeto.at,
    };
  }
  if (status === 'approved') {
    next.approvedAt =
      review.status === 'approved' && review.approvedAt
        ? review.approvedAt
        : at;
  } else {
    delete next.approvedAt;
  }
  return next;
}

/** What someone does to a review. */
export interface ReviewActionInput {
  actor: string;
  action: ReadinessReviewAction;
  reason?: string;
  comments?: ReadinessItemComment[];
  at: string;
}

const EVENT = {
  approve: 'approved',
  'request-changes': 'changes-requested',
  veto: 'vetoed',
} as const;

/**
 * Applies a reviewer's decision, a lifted veto or a withdrawal; throws InputError / NotAllowedError /
 * ConflictError naming the field or rule. `itemIds` are the checklist's item ids (for comments).
 */
export function actOnReview(
  review: StoredReview,
  input: ReviewActionInput,
  itemIds: ReadonlySet<string>,
): StoredReview {
  if (review.status === 'withdrawn') {
    throw new ConflictError(`review ${review.id} was withdrawn`);
  }
  const reason = input.reason?.trim() || undefined;
  const comments = (input.comments ?? []).map((c, i) => {
    if (!itemIds.has(c.itemId)) {
      throw new InputError(
        `comments[${i}].itemId: unknown item "${c.itemId}" in ${review.checklistRef}`,
      );
    }
    if (!c.comment.trim()) {
      throw new InputError(`comments[${i}].comment: must not be empty`);
    }
    return { itemId: c.itemId, comment: c.comment.trim() };
  });
  const others = review.votes.filter(v => v.reviewer !== input.actor);
  const own = review.votes.find(v => v.reviewer === input.actor);

  if (input.action === 'withdraw') {
    return {
      ...review,
      status: 'withdrawn',
      events: [
        ...review.events,
        {
          at: input.at,
          actor: input.actor,
          action: 'withdrawn',
          ...(reason && { reason }),
        },
      ],
    };
  }
  if (review.answeredBy.includes(input.actor)) {
    throw new NotAllowedError(
      `${input.actor} answered items of this review and cannot review it`,
    );
  }
  if (input.action === 'lift-veto') {
    if (own?.decision !== 'veto') {
      throw new NotAllowedError(
        'action: only the reviewer who vetoed can lift the veto',
      );
    }
    if (!reason) throw new InputError('reason: required to lift a veto');
    return {
      ...withVotes(review, others, input.at),
      events: [
        ...review.events,
        { at: input.at, actor: input.actor, action: 'veto-lifted', reason },
      ],
    };
  }
  if (own?.decision === 'veto') {
    throw new ConflictError(
      'action: lift your veto (action lift-veto) before deciding otherwise',
    );
  }
  if (input.action === 'veto' && !reason) {
    throw new InputError('reason: a veto needs a reason');
  }
  if (input.action === 'request-changes' && !reason && comments.length === 0) {
    throw new InputError(
      'comments: request-changes needs a reason or at least one item comment',
    );
  }
  const vote: ReadinessReviewerVote = {
    reviewer: input.actor,
    decision: input.action,
    at: input.at,
    ...(reason && { reason }),
    comments,
  };
  return {
    ...withVotes(review, [...others, vote], input.at),
    events: [
      ...review.events,
      {
        at: input.at,
        actor: input.actor,
        action: EVENT[input.action],
        ...(reason && { reason }),
        ...(comments.length > 0 && { comments }),
      },
    ],
  };
}

/**
 * A covered answer changed: the editor joins `answeredBy` (their own vote is dropped), and an approved
 * review re-opens with its approvals cleared. Vetoes stand: only their reviewers lift them.
 */
export function reviewAfterAnswerChange(
  review: StoredReview,
  change: { actor: string; itemId: string; at: string },
): StoredReview {
  if (!isLive(review)) return review;
  // Automatic answers are given by checks, not people: they re-open but never disqualify anyone.
  const person = change.actor.startsWith('user:');
  const answeredBy =
    !person || review.answeredBy.includes(change.actor)
      ? review.answeredBy
      : [...review.answeredBy, change.actor];
  const votes = review.votes.filter(v => v.reviewer !== change.actor);
  if (review.status !== 'approved') {
    return { ...withVotes({ ...review, answeredBy }, votes, change.at) };
  }
  const kept = votes.filter(v => v.decision !== 'approve');
  return {
    ...withVotes({ ...review, answeredBy }, kept, change.at),
    events: [
      ...review.events,
      {
        at: change.at,
        actor: change.actor,
        action: 'reopened',
        itemId: change.itemId,
      },
    ],
  };
}
