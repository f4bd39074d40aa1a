import { ConflictError, InputError } from '@backstage/errors';
import type { ReadinessAnswerRequest } from '@ratchet/backstage-plugin-maturity-common';
import type { ChecklistModel, ModelItem } from './checklistModel';

const MAX_TEXT = 4000;

function text(value: string | undefined, field: string): string | undefined {
  const trimmed = value?.trim();
  if (trimmed && trimmed.length > MAX_TEXT) {
    throw new InputError(`${field}: at most ${MAX_TEXT} characters`);
  }
  return trimmed || undefined;
}

/** A person's answer to an item, checked against the checklist; throws naming the field. */
export function validateAnswer(
  checklist: ChecklistModel,
  itemId: string,
  body: ReadinessAnswerRequest,
): {
  item: ModelItem;
  justification?: string;
  notes?: string;
  evidence: string[];
} {
  if (body.checklistRef !== undefined && body.checklistRef !== checklist.ref) {
    throw new InputError(
      `checklistRef: the entity follows ${checklist.ref}, not "${body.checklistRef}"`,
    );
  }
  const item = checklist.items.get(itemId);
  if (!item) {
    throw new InputError(
      `itemId: unknown item "${itemId}" in ${checklist.ref}`,
    );
  }
  if (item.answeredBy && item.checkDefinitionRef) {
    throw new ConflictError(
      `itemId: "${itemId}" is answered automatically by check ${item.answeredBy.check} of ${item.checkDefinitionRef}; request an exemption on that check instead`,
    );
  }
  if (!['yes', 'no', 'not-applicable'].includes(body.answer)) {
    throw new InputError('answer: must be one of yes, no, not-applicable');
  }
  const justification = text(body.justification, 'justification');
  const notes = text(body.notes, 'notes');
  if (body.answer === 'not-applicable' && !justification) {
    throw new InputError(
      'justification: required when the answer is not-applicable',
    );
  }
  const evidence = (body.evidence ?? []).map((raw, i) => {
    let url: URL | undefined;
    try {
      url = new URL(raw.trim());
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new InputError(`evidence[${i}]: "${raw}" is not an http(s) URL`);
    }
    return url.toString();
  });
  if (item.evidenceRequired && body.answer === 'yes' && evidence.length === 0) {
    throw new InputError(
      `evidence: item "${itemId}" requires at least one evidence link for a yes`,
    );
  }
  return { item, justification, notes, evidence };
}
