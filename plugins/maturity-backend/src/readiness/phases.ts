import { ConflictError, InputError } from '@backstage/errors';
import type {
  ReadinessArea,
  ReadinessBlocker,
  ReadinessGateResult,
  ReadinessNextPhase,
  ReadinessPhase,
  ReadinessPhaseStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ChecklistModel } from './checklistModel';
import { openItemsUpTo } from './items';
import type { StoredRecord, StoredReview } from './model';

/*
 * The phase machine: phases are entered one at a time in order; entering one needs every item required
 * for it or an earlier phase acceptable now, and, with signOffRequired, an approved review of it. Moving
 * back to any earlier phase is allowed (with a reason, for the audit trail).
 */

/** The latest live review of a phase (reviews are newest first), if any. */
export function latestReview(
  reviews: readonly StoredReview[],
  phase: string,
): StoredReview | undefined {
  return reviews.find(r => r.phase === phase && r.status !== 'withdrawn');
}

/** Why the entity cannot be in phase `index` now (empty: it can). */
export function blockersFor(
  checklist: ChecklistModel,
  areas: readonly ReadinessArea[],
  reviews: readonly StoredReview[],
  index: number,
): ReadinessBlocker[] {
  const phase = checklist.phases[index];
  const blockers: ReadinessBlocker[] = openItemsUpTo(
    checklist,
    areas,
    index,
  ).map(item => ({
    kind: 'item',
    itemId: item.id,
    message: `item "${item.id}" (required for ${item.requiredFor}) is ${
      item.state === 'answered' ? `answered "${item.answer}"` : item.state
    }`,
  }));
  if (phase.signOffRequired) {
    const review = latestReview(reviews, phase.id);
    if (review?.status !== 'approved') {
      blockers.push({
        kind: 'sign-off',
        message: review
          ? `phase "${phase.id}" needs an approved review; review ${review.id} is ${review.status}`
          : `phase "${phase.id}" needs an approved review; none was requested`,
      });
    }
  }
  return blockers;
}

/** The next phase and whether it can be entered now; null in the last phase. */
export function nextPhase(
  checklist: ChecklistModel,
  record: StoredRecord,
  areas: readonly ReadinessArea[],
  reviews: readonly StoredReview[],
): ReadinessNextPhase | null {
  const index = checklist.phaseIndex(record.phase) + 1;
  if (index >= checklist.phases.length) return null;
  const blockers = blockersFor(checklist, areas, reviews, index);
  return {
    phase: checklist.phases[index].id,
    allowed: blockers.length === 0,
    blockers,
  };
}

function phaseStatus(index: number, current: number): ReadinessPhaseStatus {
  if (index < current) return 'done';
  if (index === current) return 'current';
  return index === current + 1 ? 'next' : 'later';
}

/** The phases as they stand for the entity. */
export function phaseViews(
  checklist: ChecklistModel,
  record: StoredRecord,
  areas: readonly ReadinessArea[],
): ReadinessPhase[] {
  const current = checklist.phaseIndex(record.phase);
  return checklist.phases.map((phase, i) => ({
    id: phase.id,
    title: phase.title,
    ...(phase.description !== undefined && { description: phase.description }),
    signOffRequired: phase.signOffRequired ?? false,
    status: phaseStatus(i, current),
    openItems: openItemsUpTo(checklist, areas, i).length,
  }));
}

/** Checks a requested phase move; returns the target phase id or throws naming the field or rule. */
export function checkPhaseMove(
  checklist: ChecklistModel,
  record: StoredRecord,
  areas: readonly ReadinessArea[],
  reviews: readonly StoredReview[],
  move: { phase: string; reason?: string },
): string {
  const target = checklist.phaseIndex(move.phase);
  if (target < 0) {
    throw new InputError(
      `phase: unknown phase "${move.phase}" in ${
        checklist.ref
      }; expected one of ${checklist.phases.map(p => p.id).join(', ')}`,
    );
  }
  const current = checklist.phaseIndex(record.phase);
  if (target === current) {
    throw new ConflictError(`phase: the entity is already in "${move.phase}"`);
  }
  if (target < current) {
    if (!move.reason?.trim()) {
      throw new InputError(
        'reason: moving back to an earlier phase needs a reason',
      );
    }
    return move.phase;
  }
  if (target > current + 1) {
    const skipped = checklist.phases[current + 1].id;
    throw new ConflictError(
      `phase: phases cannot be skipped; enter "${skipped}" before "${move.phase}"`,
    );
  }
  const blockers = blockersFor(checklist, areas, reviews, target);
  if (blockers.length > 0) {
    throw new ConflictError(
      `phase: cannot enter "${move.phase}": ${blockers
        .map(b => b.message)
        .join('; ')}`,
    );
  }
  return move.phase;
}

/** The CI gate: may the entity be in `phase` now (whether or not it has entered it)? */
export function gateResult(
  checklist: ChecklistModel,
  record: StoredRecord,
  areas: readonly ReadinessArea[],
  reviews: readonly StoredReview[],
  phase: string,
): ReadinessGateResult {
  const index = checklist.phaseIndex(phase);
  if (index < 0) {
    throw new InputError(
      `phase: unknown phase "${phase}" in ${
        checklist.ref
      }; expected one of ${checklist.phases.map(p => p.id).join(', ')}`,
    );
  }
  const open = openItemsUpTo(checklist, areas, index);
  const review = latestReview(reviews, phase);
  const signOff = !checklist.phases[index].signOffRequired
    ? 'not-required'
    : review?.status ?? 'missing';
  const blockers = blockersFor(checklist, areas, reviews, index);
  return {
    pass: blockers.length === 0,
    entityRef: record.entityRef,
    checklistRef: checklist.ref,
    phase,
    currentPhase: record.phase,
    openItems: open.map(item => ({
      itemId: item.id,
      areaId: checklist.items.get(item.id)!.areaId,
      prompt: item.prompt,
      requiredFor: item.requiredFor,
      state: item.state,
      ...(item.answer && { answer: item.answer }),
      automatic: item.automatic,
    })),
    signOff,
    reasons: blockers.map(b => b.message),
  };
}
