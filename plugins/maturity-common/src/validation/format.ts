import { isRatchetKind } from './types';
import type { ValidationProblem } from './types';

const MAX_LISTED = 20;

function kindOfRef(entityRef: string): string {
  const kind = entityRef.includes(':')
    ? entityRef.slice(0, entityRef.indexOf(':'))
    : '';
  const named = kind.charAt(0).toUpperCase() + kind.slice(1);
  return isRatchetKind(named) ? named : 'Entity';
}

/** One problem as a line: `spec.checks[2].level: unknown level "platinum"; …`. */
export function formatValidationProblem(problem: ValidationProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/**
 * The message for an invalid entity, e.g. `Scorecard "scorecard:default/service-maturity" is invalid:
 * spec.checks[2].level: unknown level "platinum"; expected one of bronze, silver, gold`. Several problems
 * are listed one per line.
 */
export function formatValidationProblems(
  entityRef: string,
  problems: readonly ValidationProblem[],
): string {
  const subject = `${kindOfRef(entityRef)} "${entityRef}"`;
  if (problems.length === 0) {
    return `${subject} is valid`;
  }
  if (problems.length === 1) {
    return `${subject} is invalid: ${formatValidationProblem(problems[0])}`;
  }
  const listed = problems
    .slice(0, MAX_LISTED)
    .map(p => `- ${formatValidationProblem(p)}`);
  if (problems.length > MAX_LISTED) {
    listed.push(`- … and ${problems.length - MAX_LISTED} more`);
  }
  return `${subject} is invalid (${problems.length} problems):\n${listed.join(
    '\n',
  )}`;
}

/**
 * Thrown for an invalid Ratchet entity. Its `name` is `InputError` because Backstage maps errors to
 * HTTP statuses and catalog messages by name, so it reads like the catalog's own validation errors.
 */
export class RatchetEntityValidationError extends Error {
  /** The problems found, each with its field path. */
  readonly problems: readonly ValidationProblem[];

  constructor(entityRef: string, problems: readonly ValidationProblem[]) {
    super(formatValidationProblems(entityRef, problems));
    this.name = 'InputError';
    this.problems = problems;
  }
}
