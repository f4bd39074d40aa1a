import type {
  CheckStatus,
  ReadinessAnswer,
  ReadinessArea,
  ReadinessItem,
  ReadinessProgress,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ChecklistModel, ModelItem } from './checklistModel';
import { addIsoDuration } from './duration';
import { StoredAnswer, StoredRecord, checkActor, checkKey } from './model';

/** Current check statuses by checkKey; absent = not evaluated yet. */
export type CheckStatuses = ReadonlyMap<string, CheckStatus>;

/**
 * The answer a check result gives an automatic item; undefined while the check has no result or could not
 * be evaluated (an error, e.g. its fact not collected yet): unknown is unanswered, not "no", so the first
 * facts of a new service never count as a changed answer that re-opens an approved review.
 */
export function automaticAnswer(
  status: CheckStatus | undefined,
): ReadinessAnswer | undefined {
  switch (status) {
    case 'pass':
    case 'exempt':
      return 'yes';
    case 'not-applicable':
      return 'not-applicable';
    case 'fail':
      return 'no';
    default:
      return undefined;
  }
}

function expiryOf(item: ModelItem, answer: StoredAnswer): string | undefined {
  if (!item.reattestEvery || answer.automatic) return undefined;
  return addIsoDuration(
    new Date(answer.answeredAt),
    item.reattestEvery,
  ).toISOString();
}

/** One item as it stands at `now`: automatic items follow their check, expired answers count as unanswered. */
export function itemView(
  item: ModelItem,
  stored: StoredAnswer | undefined,
  statuses: CheckStatuses,
  now: Date,
): ReadinessItem {
  const base = {
    id: item.id,
    prompt: item.prompt,
    ...(item.guidance !== undefined && { guidance: item.guidance }),
    requiredFor: item.requiredFor,
    evidenceRequired: item.evidenceRequired ?? false,
    ...(item.reattestEvery !== undefined && {
      reattestEvery: item.reattestEvery,
    }),
  };
  if (item.answeredBy && item.checkDefinitionRef) {
    const status = statuses.get(
      checkKey(item.checkDefinitionRef, item.answeredBy.check),
    );
    const answer = automaticAnswer(status);
    // The stored automatic answer tells since when the check has given this answer.
    const since =
      stored?.automatic && stored.answer === answer
        ? stored.answeredAt
        : undefined;
    return {
      ...base,
      state: answer ? 'answered' : 'unanswered',
      ...(answer && { answer }),
      evidence: [],
      ...(answer && {
        answeredBy: checkActor(item.checkDefinitionRef, item.answeredBy.check),
      }),
      ...(since && { answeredAt: since }),
      expired: false,
      acceptable: answer === 'yes' || answer === 'not-applicable',
      automatic: true,
      check: {
        definitionRef: item.checkDefinitionRef,
        checkId: item.answeredBy.check,
        status: status ?? 'pending',
      },
    };
  }
  if (!stored || stored.automatic) {
    return {
      ...base,
      state: 'unanswered',
      evidence: [],
      expired: false,
      acceptable: false,
      automatic: false,
    };
  }
  const expiresAt = expiryOf(item, stored);
  const expired =
    expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime();
  return {
    ...base,
    state: expired ? 'expired' : 'answered',
    answer: stored.answer,
    ...(stored.justification !== undefined && {
      justification: stored.justification,
    }),
    ...(stored.notes !== undefined && { notes: stored.notes }),
    evidence: stored.evidence,
    answeredBy: stored.answeredBy,
    answeredAt: stored.answeredAt,
    ...(expiresAt && { expiresAt }),
    expired,
    acceptable:
      !expired &&
      (stored.answer === 'yes' || stored.answer === 'not-applicable'),
    automatic: false,
  };
}

/** Acceptable out of all. */
export function progressOf(items: readonly ReadinessItem[]): ReadinessProgress {
  return {
    acceptable: items.filter(i => i.acceptable).length,
    total: items.length,
  };
}

/** Every area with its items as they stand at `now`. */
export function areaViews(
  checklist: ChecklistModel,
  record: StoredRecord,
  statuses: CheckStatuses,
  now: Date,
): ReadinessArea[] {
  return checklist.areas.map(area => {
    const items = area.items.map(item =>
      itemView(item, record.answers[item.id], statuses, now),
    );
    return {
      id: area.id,
      title: area.title,
      ...(area.description !== undefined && { description: area.description }),
      items,
      progress: progressOf(items),
    };
  });
}

/** Items required for phase index `upTo` or earlier that are not acceptable. */
export function openItemsUpTo(
  checklist: ChecklistModel,
  areas: readonly ReadinessArea[],
  upTo: number,
): ReadinessItem[] {
  return areas.flatMap(area =>
    area.items.filter(
      item =>
        !item.acceptable && checklist.items.get(item.id)!.phaseIndex <= upTo,
    ),
  );
}
