export { validateRatchetEntity } from './validate';
export {
  formatValidationProblem,
  formatValidationProblems,
  RatchetEntityValidationError,
} from './format';
export { RATCHET_KINDS, isRatchetKind } from './types';
export type {
  RatchetEntityResolver,
  RatchetKind,
  RatchetReferencedKind,
  RatchetValidationContext,
  ValidationProblem,
} from './types';
