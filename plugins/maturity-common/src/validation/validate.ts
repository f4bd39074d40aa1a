import type {
  CampaignEntityV1alpha1,
  ChecklistEntityV1alpha1,
  ScorecardEntityV1alpha1,
} from '../kinds';
import { describeValue, isRecord } from './paths';
import { validateAgainstSchema } from './schemaValidation';
import { checkCampaign } from './semantic/campaign';
import { checkChecklist } from './semantic/checklist';
import { Problems } from './semantic/common';
import { checkScorecard } from './semantic/scorecard';
import {
  RATCHET_KINDS,
  RatchetValidationContext,
  ValidationProblem,
  isRatchetKind,
} from './types';

/**
 * Validates a Scorecard, Campaign or Checklist document: first against its JSON Schema, then, when the
 * shape is right, the rules a schema cannot express (unique ids, known levels and phases, operator
 * values, dates, references). Returns no problems for a valid entity.
 */
export function validateRatchetEntity(
  entity: unknown,
  context: RatchetValidationContext = {},
): ValidationProblem[] {
  if (!isRecord(entity)) {
    return [
      {
        path: '',
        message: `must be an entity (an object); got ${describeValue(entity)}`,
      },
    ];
  }
  const kind = entity.kind;
  if (!isRatchetKind(kind)) {
    return [
      {
        path: 'kind',
        message: `must be one of ${RATCHET_KINDS.join(
          ', ',
        )}; got ${describeValue(kind)}`,
        expected: `one of ${RATCHET_KINDS.join(', ')}`,
      },
    ];
  }
  const schemaProblems = validateAgainstSchema(kind, entity);
  if (schemaProblems.length) {
    return schemaProblems;
  }
  // The schema passed, so the document has the shape of its kind's type.
  const problems = new Problems();
  if (kind === 'Scorecard') {
    checkScorecard(
      entity as unknown as ScorecardEntityV1alpha1,
      context,
      problems,
    );
  } else if (kind === 'Campaign') {
    checkCampaign(
      entity as unknown as CampaignEntityV1alpha1,
      context,
      problems,
    );
  } else {
    checkChecklist(
      entity as unknown as ChecklistEntityV1alpha1,
      context,
      problems,
    );
  }
  return problems.list;
}
