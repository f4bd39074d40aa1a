export { createRequestValidation } from './requestValidation';
export type { ValidationSchema, ValidationSpec } from './requestValidation';
export {
  bodyTextProblem,
  dateProblem,
  numberProblem,
  paramTextProblem,
  parseDateTime,
  parseNumberParam,
  uuidProblem,
  MAX_YEAR,
  MIN_YEAR,
} from './values';
