import type { JsonValue } from '@backstage/types';

/**
 * Building blocks shared by the Scorecard, Campaign and Checklist kinds.
 */

/** Re-exported so authors of rules need one import. */
export type { JsonPrimitive, JsonValue } from '@backstage/types';

/** The apiVersion of every Ratchet catalog kind. */
export const RATCHET_API_VERSION = 'ratchet.dev/v1alpha1';

/** One value or a list of values; a list matches when any of its values matches. */
export type OneOrMany<T> = T | T[];

/**
 * A catalog-style filter choosing the entities something applies to.
 *
 * Every field that is present must match (AND); a field given as a list matches when any of its values
 * matches (OR). Names are compared case-insensitively, as the catalog does.
 */
export interface EntityFilter {
  /** Entity kinds, e.g. `Component`, `API`, `System`, `Group`. */
  kind?: OneOrMany<string>;
  /** `spec.type`, e.g. `service`, `website`, `library`. */
  type?: OneOrMany<string>;
  /** `spec.lifecycle`, e.g. `production`, `experimental`. */
  lifecycle?: OneOrMany<string>;
  /** The entity has at least one of these `metadata.tags`. */
  tags?: OneOrMany<string>;
  /** Owner entity refs (`group:default/payments`) or names (`payments`). */
  owner?: OneOrMany<string>;
  /** System entity refs or names (`spec.system`). */
  system?: OneOrMany<string>;
  /**
   * Annotations the entity must carry: a value of `"*"` only requires the annotation to be present,
   * any other value must be equal.
   */
  annotations?: Record<string, string>;
  /** Entities matching this filter are excluded. */
  not?: EntityFilter;
}

/** Operators a rule condition can apply to a fact. */
export type RuleOperator =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'contains'
  | 'matches'
  | 'exists'
  | 'semverSatisfies';

/** Every rule operator, in documentation order. */
export const RULE_OPERATORS: readonly RuleOperator[] = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'contains',
  'matches',
  'exists',
  'semverSatisfies',
];

/**
 * A leaf of a rule: compares one fact with a value.
 *
 * - `equal`/`notEqual`: deep equality with `value`.
 * - `lessThan(Inclusive)`/`greaterThan(Inclusive)`: numeric comparison; `value` is a number.
 * - `in`: the fact is one of the values in the list `value`.
 * - `contains`: the fact (a list or a string) contains `value`.
 * - `matches`: the fact (a string) matches the regular expression `value`.
 * - `exists`: the fact is present (`value: true`, the default) or absent (`value: false`).
 * - `semverSatisfies`: the fact (a version) satisfies the semver range `value`, e.g. `>=3.11`.
 */
export interface RuleCondition {
  /** The fact reference `<source>.<path>`, e.g. `catalog.spec.owner` or `kubernetes.replicas.desired`. */
  fact: string;
  /** How the fact is compared with `value`. */
  operator: RuleOperator;
  /** The value compared against; its type depends on the operator. */
  value?: JsonValue;
}

/** All nested rules must pass. */
export interface AllRule {
  /** The rules that must all pass. */
  all: Rule[];
}

/** At least one nested rule must pass. */
export interface AnyRule {
  /** The rules of which at least one must pass. */
  any: Rule[];
}

/** The nested rule must fail. */
export interface NotRule {
  /** The rule that must not pass. */
  not: Rule;
}

/** A rule tree over facts. */
export type Rule = AllRule | AnyRule | NotRule | RuleCondition;

/** Messages shown to owners when a check passes or fails; `{{fact}}` placeholders are filled in. */
export interface CheckMessages {
  /** Shown when the check passes. */
  pass?: string;
  /** Shown when the check fails. */
  fail?: string;
}

/** Fields common to every check, whether it lives in a Scorecard or a Campaign. */
export interface CheckBase {
  /** Identifier, unique within its Scorecard or Campaign: lowercase letters, digits and dashes. */
  id: string;
  /** Short human title, e.g. "Has an owning team". */
  title: string;
  /** Why this check matters (markdown). */
  description?: string;
  /** Category id, one of the Scorecard's categories. */
  category?: string;
  /** The rule deciding pass or fail. */
  rule: Rule;
  /** Only entities matching this filter are checked; others are `not-applicable`. */
  appliesTo?: EntityFilter;
  /**
   * A rule over the entity's facts that must pass for the check to apply (e.g. `kubernetes.found` equal
   * `true`); when it fails or cannot be decided (a fact is missing) the check is `not-applicable`.
   */
  appliesWhen?: Rule;
  /** What to do to make the check pass (markdown). */
  remediation?: string;
  /** Pass and fail messages. */
  messages?: CheckMessages;
  /** The check counts from this date on (ISO date); before it, it is evaluated but never fails a level. */
  effectiveFrom?: string;
}

/** A check inside a Scorecard: it belongs to exactly one level and one category. */
export interface ScorecardCheck extends CheckBase {
  /** Level id at which the check is required. */
  level: string;
  /** Category id. */
  category: string;
}

/** A reference to a check of a Scorecard or Campaign, by entity ref (or name) and check id. */
export interface CheckReference {
  /** A Scorecard entity ref or name (`scorecard:default/service-maturity` or `service-maturity`). */
  scorecard?: string;
  /** A Campaign entity ref or name. */
  campaign?: string;
  /** The id of the check inside that entity. */
  check: string;
}
