import type { JsonObject } from '@backstage/types';

/** The outcome of one check for one entity. `exempt` is set by an approved, unexpired exemption. */
export type CheckStatus =
  | 'pass'
  | 'fail'
  | 'error'
  | 'not-applicable'
  | 'exempt';

/** Every check status. */
export const CHECK_STATUSES: readonly CheckStatus[] = [
  'pass',
  'fail',
  'error',
  'not-applicable',
  'exempt',
];

/** The facts of one entity, by source id: `{ catalog: {...}, kubernetes: {...} }`. */
export type EntityFacts = Record<string, JsonObject>;

/** The condition of a rule that decided a failure (or could not be evaluated). */
export interface FailingCondition {
  /** Where in the rule tree, e.g. `all[1].any[0]`. */
  path: string;
  /** The fact reference of the condition. */
  fact: string;
  /** The operator of the condition. */
  operator: string;
  /** The value the condition compares against. */
  expected?: unknown;
  /** The fact's value (undefined when the fact is missing). */
  actual?: unknown;
}

/** What evaluating one check against one entity's facts produced. */
export interface CheckOutcome {
  /** pass, fail, error or not-applicable (never exempt: that is decided by exemptions). */
  status: Exclude<CheckStatus, 'exempt'>;
  /** A human message: the check's pass/fail message with facts filled in, or the reason of an error. */
  message: string;
  /** For fail and error: the condition responsible. */
  failing?: FailingCondition;
}

/** A persisted result of a check for an entity. */
export interface CheckResult extends CheckOutcome {
  /** The entity ref. */
  entityRef: string;
  /** The id of the definition (scorecard or campaign entity ref) the check belongs to. */
  definitionRef: string;
  /** The check id inside the definition. */
  checkId: string;
  /** When the result was computed. */
  evaluatedAt: string;
  /** Since when the check has had this status. */
  since: string;
}
