import type { JsonObject } from '@backstage/types';
import type {
  AttestationFacts,
  AttestedItem,
  PhaseReview,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ChecklistModel } from './checklistModel';
import { areaViews, CheckStatuses } from './items';
import type { ReadinessState } from './ReadinessStore';

/*
 * The `attestation` facts of one entity, derived from its readiness state: readiness is their only
 * writer. People's answers only (automatic ones are check results already), `expired` as of `now`, and
 * per phase the latest live review as approved / vetoed / pending.
 */

function phaseReview(review: ReadinessState['reviews'][number]): PhaseReview {
  const approvals = review.votes
    .filter(v => v.decision === 'approve')
    .map(v => ({
      reviewer: v.reviewer,
      at: v.at,
      ...(v.reason && { note: v.reason }),
    }));
  if (review.status === 'vetoed' && review.veto) {
    return {
      decision: 'vetoed',
      approvals,
      veto: {
        reviewer: review.veto.reviewer,
        at: review.veto.at,
        note: review.veto.reason,
      },
    };
  }
  if (review.status === 'approved') {
    return {
      decision: 'approved',
      approvals,
      ...(review.approvedAt && { approvedAt: review.approvedAt }),
    };
  }
  return { decision: 'pending', approvals };
}

/** The entity's attestation facts as of `now`. */
export function attestationFactsOf(
  checklist: ChecklistModel,
  state: ReadinessState,
  now: Date,
): JsonObject {
  const items: Record<string, AttestedItem> = {};
  const noChecks: CheckStatuses = new Map();
  for (const area of areaViews(checklist, state.record, noChecks, now)) {
    for (const item of area.items) {
      if (
        item.automatic ||
        !item.answer ||
        !item.answeredBy?.startsWith('user:')
      )
        continue;
      items[item.id] = {
        answer: item.answer,
        attestedBy: item.answeredBy,
        attestedAt: item.answeredAt!,
        ...(item.expiresAt && { expiresAt: item.expiresAt }),
        expired: item.expired,
        ...(item.evidence.length > 0 && { evidence: item.evidence }),
        ...(item.notes && { note: item.notes }),
      };
    }
  }
  const reviews: Record<string, PhaseReview> = {};
  // Reviews are newest first: the first live one of a phase is its sign-off.
  for (const review of state.reviews) {
    if (review.status === 'withdrawn' || reviews[review.phase]) continue;
    reviews[review.phase] = phaseReview(review);
  }
  const facts: AttestationFacts = {
    checklists: {
      [checklist.ref]: {
        ...(state.record.phase && { phase: state.record.phase }),
        items,
        ...(Object.keys(reviews).length > 0 && { reviews }),
      },
    },
  };
  return facts as unknown as JsonObject;
}
