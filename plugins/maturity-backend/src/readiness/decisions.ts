import type { JsonObject } from '@backstage/types';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  ReadinessAnswerRequest,
  ReadinessPhaseRequest,
  ReadinessReviewActionRequest,
  ReadinessReviewRequest,
} from '@ratchet/backstage-plugin-maturity-common';
import { randomUUID } from 'node:crypto';
import type { ChecklistModel, ModelItem } from './checklistModel';
import { areaViews, automaticAnswer, CheckStatuses } from './items';
import { StoredAnswer, StoredReview, checkActor, checkKey } from './model';
import { checkPhaseMove, latestReview } from './phases';
import type { ReadinessChange, ReadinessState } from './ReadinessStore';
import { actOnReview, isLive, reviewAfterAnswerChange } from './reviews';
import { validateAnswer } from './validateAnswer';

/*
 * What each readiness operation writes, decided from the state read inside the store's transaction:
 * pure functions of (checklist, state, input, actor, time) that throw, naming the field or rule, to
 * write nothing.
 */

const content = (a: StoredAnswer | undefined) =>
  a && {
    answer: a.answer,
    justification: a.justification,
    notes: a.notes,
    evidence: a.evidence,
  };

function audited(a: StoredAnswer | undefined): JsonObject | null {
  return a ? JSON.parse(JSON.stringify(a)) : null;
}

/** Reviews covering a changed item (its phase or later) after the change, with re-open audit entries. */
export function touchReviews(
  checklist: ChecklistModel,
  reviews: StoredReview[],
  change: { itemId: string; actor: string; at: Date },
): Pick<ReadinessChange, 'audit'> & { reviews: StoredReview[] } {
  const itemPhase = checklist.items.get(change.itemId)!.phaseIndex;
  const changed: StoredReview[] = [];
  const audit: ReadinessChange['audit'] = [];
  for (const review of reviews) {
    if (!isLive(review) || checklist.phaseIndex(review.phase) < itemPhase)
      continue;
    const next = reviewAfterAnswerChange(review, {
      ...change,
      at: change.at.toISOString(),
    });
    if (JSON.stringify(next) === JSON.stringify(review)) continue;
    changed.push(next);
    if (review.status !== next.status) {
      audit.push({
        actor: change.actor,
        action: 'review-reopened',
        itemId: change.itemId,
        phase: review.phase,
        reviewId: review.id,
        before: { status: review.status },
        after: { status: next.status },
      });
    }
  }
  return { reviews: changed, audit };
}

/** A person's answer; a changed answer (not a mere re-attestation) re-opens covering reviews. */
export function decideAnswer(
  checklist: ChecklistModel,
  state: ReadinessState,
  input: {
    itemId: string;
    body: ReadinessAnswerRequest;
    actor: string;
    at: Date;
  },
): ReadinessChange {
  const { itemId, body, actor, at } = input;
  const valid = validateAnswer(checklist, itemId, body);
  const before = state.record.answers[itemId];
  const after: StoredAnswer = {
    itemId,
    answer: body.answer,
    ...(valid.justification && { justification: valid.justification }),
    ...(valid.notes && { notes: valid.notes }),
    evidence: valid.evidence,
    answeredBy: actor,
    answeredAt: at.toISOString(),
    automatic: false,
  };
  const changed =
    JSON.stringify(content(before)) !== JSON.stringify(content(after));
  const touched = changed
    ? touchReviews(checklist, state.reviews, { itemId, actor, at })
    : { reviews: [], audit: [] };
  return {
    answers: [after],
    reviews: touched.reviews,
    audit: [
      {
        actor,
        action: 'answer',
        itemId,
        before: audited(before),
        after: audited(after),
      },
      ...touched.audit,
    ],
  };
}

/** Automatic items whose check now gives another answer than the one stored. */
export function automaticFlips(
  checklist: ChecklistModel,
  state: ReadinessState,
  statuses: CheckStatuses,
): Array<{ item: ModelItem; answer: StoredAnswer['answer']; actor: string }> {
  return [...checklist.items.values()].flatMap(item => {
    if (!item.answeredBy || !item.checkDefinitionRef) return [];
    const answer = automaticAnswer(
      statuses.get(checkKey(item.checkDefinitionRef, item.answeredBy.check)),
    );
    if (
      answer === undefined ||
      state.record.answers[item.id]?.answer === answer
    )
      return [];
    return [
      {
        item,
        answer,
        actor: checkActor(item.checkDefinitionRef, item.answeredBy.check),
      },
    ];
  });
}

/** Stores the automatic answers that flipped; a flip of an answered item re-opens covering reviews. */
export function decideAutomatic(
  checklist: ChecklistModel,
  state: ReadinessState,
  statuses: CheckStatuses,
  at: Date,
): ReadinessChange {
  const change: ReadinessChange = { answers: [], audit: [] };
  let reviews = state.reviews;
  const touchedReviews = new Map<string, StoredReview>();
  for (const flip of automaticFlips(checklist, state, statuses)) {
    const { item, answer, actor } = flip;
    const before = state.record.answers[item.id];
    const after: StoredAnswer = {
      itemId: item.id,
      answer,
      evidence: [],
      answeredBy: actor,
      answeredAt: at.toISOString(),
      automatic: true,
    };
    change.answers!.push(after);
    change.audit.push({
      actor,
      action: 'automatic-answer',
      itemId: item.id,
      before: audited(before),
      after: audited(after),
    });
    if (before) {
      const touched = touchReviews(checklist, reviews, {
        itemId: item.id,
        actor,
        at,
      });
      touched.reviews.forEach(r => touchedReviews.set(r.id, r));
      reviews = reviews.map(r => touchedReviews.get(r.id) ?? r);
      change.audit.push(...touched.audit);
    }
  }
  change.reviews = [...touchedReviews.values()];
  return change;
}

/** Sets or clears the target launch date. */
export function decideLaunchDate(
  state: ReadinessState,
  date: string | null,
  actor: string,
): ReadinessChange {
  if (
    date !== null &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
  ) {
    throw new InputError(
      `targetLaunchDate: "${date}" is not a date (YYYY-MM-DD)`,
    );
  }
  return {
    targetLaunchDate: date,
    audit: [
      {
        actor,
        action: 'target-launch-date',
        before: { targetLaunchDate: state.record.targetLaunchDate },
        after: { targetLaunchDate: date },
      },
    ],
  };
}

/** Enters the next phase or moves back. */
export function decidePhase(
  checklist: ChecklistModel,
  state: ReadinessState,
  input: {
    move: ReadinessPhaseRequest;
    statuses: CheckStatuses;
    actor: string;
    at: Date;
  },
): ReadinessChange {
  const areas = areaViews(checklist, state.record, input.statuses, input.at);
  const phase = checkPhaseMove(
    checklist,
    state.record,
    areas,
    state.reviews,
    input.move,
  );
  const reason = input.move.reason?.trim();
  return {
    phase,
    audit: [
      {
        actor: input.actor,
        action: 'phase',
        phase,
        before: { phase: state.record.phase },
        after: { phase, ...(reason && { reason }) },
      },
    ],
  };
}

/** A new review of the next phase (it must need a sign-off and have none live). */
export function decideReviewRequest(
  checklist: ChecklistModel,
  state: ReadinessState,
  input: {
    entityRef: string;
    body: ReadinessReviewRequest;
    actor: string;
    at: Date;
  },
): ReadinessChange & { reviews: [StoredReview] } {
  const { body, actor } = input;
  const at = input.at.toISOString();
  const index = checklist.phaseIndex(body.phase);
  if (index < 0)
    throw new InputError(
      `phase: unknown phase "${body.phase}" in ${checklist.ref}`,
    );
  const next = checklist.phases[checklist.phaseIndex(state.record.phase) + 1];
  if (next?.id !== body.phase) {
    throw new ConflictError(
      `phase: a review is requested for the next phase${
        next ? ` ("${next.id}")` : ''
      }, not "${body.phase}"`,
    );
  }
  if (!next.signOffRequired)
    throw new InputError(`phase: "${body.phase}" needs no sign-off`);
  const existing = latestReview(state.reviews, body.phase);
  if (existing) {
    throw new ConflictError(
      `phase: review ${existing.id} of "${body.phase}" is already ${existing.status}`,
    );
  }
  // Whoever answered an item the review covers may not review it.
  const answeredBy = [
    ...new Set(
      Object.values(state.record.answers)
        .filter(
          a =>
            !a.automatic &&
            (checklist.items.get(a.itemId)?.phaseIndex ?? Infinity) <= index,
        )
        .map(a => a.answeredBy),
    ),
  ];
  const note = body.note?.trim();
  const review: StoredReview = {
    id: randomUUID(),
    entityRef: input.entityRef,
    checklistRef: checklist.ref,
    phase: body.phase,
    status: 'open',
    requestedBy: actor,
    requestedAt: at,
    ...(note && { note }),
    requiredApprovals: checklist.requiredApprovals,
    approvals: 0,
    votes: [],
    answeredBy,
    events: [{ at, actor, action: 'requested', ...(note && { reason: note }) }],
  };
  return {
    reviews: [review],
    audit: [
      {
        actor,
        action: 'review-requested',
        phase: body.phase,
        reviewId: review.id,
        before: null,
        after: { status: 'open' },
      },
    ],
  };
}

const REVIEW_AUDIT = {
  approve: 'review-approved',
  'request-changes': 'review-changes-requested',
  veto: 'review-vetoed',
  'lift-veto': 'review-veto-lifted',
  withdraw: 'review-withdrawn',
} as const;

/** A reviewer's decision, a lifted veto or a withdrawal. */
export function decideReviewAction(
  checklist: ChecklistModel,
  state: ReadinessState,
  input: {
    reviewId: string;
    body: ReadinessReviewActionRequest;
    actor: string;
    at: Date;
  },
): ReadinessChange & { reviews: [StoredReview] } {
  const { body, actor } = input;
  const review = state.reviews.find(r => r.id === input.reviewId);
  if (!review)
    throw new NotFoundError(`readiness review ${input.reviewId} not found`);
  const result = actOnReview(
    review,
    {
      actor,
      action: body.action,
      reason: body.reason,
      comments: body.comments,
      at: input.at.toISOString(),
    },
    new Set(checklist.items.keys()),
  );
  return {
    reviews: [result],
    audit: [
      {
        actor,
        action: REVIEW_AUDIT[body.action],
        phase: review.phase,
        reviewId: review.id,
        before: { status: review.status, approvals: review.approvals },
        after: {
          status: result.status,
          approvals: result.approvals,
          ...(body.reason && { reason: body.reason }),
          ...(body.comments?.length && {
            comments: body.comments.map(c => ({
              itemId: c.itemId,
              comment: c.comment,
            })),
          }),
        },
      },
    ],
  };
}
