import type { Entity } from '@backstage/catalog-model';
import type {
  CheckBase,
  CheckOutcome,
  EntityFacts,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileRule, CompiledRule } from './compileRule';
import {
  compileEntityFilter,
  CompiledEntityFilter,
} from '../../entities/entityFilter';
import { compileTemplate, describeFailure } from './messages';

/** A check compiled once, evaluated for many entities. */
export interface CompiledCheck {
  /** The check id. */
  readonly id: string;
  /** Why parts of the check could not compile (each such condition evaluates to `error`); empty when sound. */
  readonly problems: readonly string[];
  /**
   * Whether the check applies to the entity: its `appliesTo` filter over the entity and, with facts, its
   * `appliesWhen` rule over them (which must pass); otherwise it is `not-applicable`.
   */
  appliesTo(entity: Entity, facts?: EntityFacts): boolean;
  /**
   * Evaluates the rule against the entity's facts: pass, fail or error, never throws. A pass outcome with a
   * constant message is one frozen object shared by every call (so passing allocates nothing): copy an
   * outcome before changing it.
   */
  evaluate(facts: EntityFacts): CheckOutcome;
  /** Whether `effectiveFrom` has come (true without one): before it, the check must not fail a level. */
  isEffective(): boolean;
}

/** Options of compileCheck. */
export interface CompileCheckOptions {
  /** The clock for `effectiveFrom`; the system clock by default. */
  now?: () => Date;
}

function safeStatus(rule: CompiledRule, facts: EntityFacts): string {
  try {
    return rule(facts).status;
  } catch {
    return 'error';
  }
}

function errorOutcome(message: string): CheckOutcome {
  return { status: 'error', message };
}

/** Compiles a check's rule, filter and messages once; see CompiledCheck. */
export function compileCheck(
  check: CheckBase,
  opts: CompileCheckOptions = {},
): CompiledCheck {
  const problems: string[] = [];
  const now = opts.now ?? (() => new Date());

  let rule: CompiledRule;
  let entityFilter: CompiledEntityFilter;
  let appliesWhen: CompiledRule | undefined;
  try {
    rule = compileRule(check.rule, '', problems);
    entityFilter = compileEntityFilter(check.appliesTo);
    appliesWhen = check.appliesWhen
      ? compileRule(check.appliesWhen, 'appliesWhen', problems)
      : undefined;
  } catch (error) {
    // compileRule turns bad conditions into error verdicts; this is for shapes no schema would let through.
    const message = `invalid check ${check.id}: ${(error as Error).message}`;
    problems.push(message);
    const outcome = Object.freeze(errorOutcome(message));
    return {
      id: check.id,
      problems,
      appliesTo: () => true,
      evaluate: () => outcome,
      isEffective: () => true,
    };
  }

  const passTemplate = compileTemplate(
    check.messages?.pass ?? `${check.title}: passed`,
  );
  const failTemplate =
    check.messages?.fail !== undefined
      ? compileTemplate(check.messages.fail)
      : undefined;
  const constantPass: CheckOutcome | undefined = passTemplate.constant
    ? Object.freeze({
        status: 'pass' as const,
        message: passTemplate.render({}),
      })
    : undefined;

  let effectiveFrom: number | undefined;
  if (check.effectiveFrom !== undefined) {
    const parsed = Date.parse(check.effectiveFrom);
    if (Number.isNaN(parsed)) {
      // Enforcing at once is the safe reading of a date nobody can parse; the author learns from problems.
      problems.push(
        `invalid effectiveFrom "${check.effectiveFrom}"; the check counts now`,
      );
    } else {
      effectiveFrom = parsed;
    }
  }

  const evaluate = (facts: EntityFacts): CheckOutcome => {
    try {
      const verdict = rule(facts);
      if (verdict.status === 'pass') {
        return (
          constantPass ?? {
            status: 'pass',
            message: passTemplate.render(facts),
          }
        );
      }
      if (verdict.status === 'fail') {
        return {
          status: 'fail',
          message: failTemplate
            ? failTemplate.render(facts)
            : describeFailure(verdict.failing, verdict.negated),
          failing: verdict.failing,
        };
      }
      return {
        status: 'error',
        message: verdict.reason,
        failing: verdict.failing,
      };
    } catch (error) {
      // Last resort: a bug or a non-JSON facts object must cost one result, not the whole evaluation run.
      return errorOutcome(
        `evaluating check ${check.id} failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  };

  // A missing fact or a broken condition in appliesWhen means "cannot tell it applies": not applicable.
  const appliesTo = (entity: Entity, facts?: EntityFacts): boolean =>
    entityFilter(entity) &&
    (!appliesWhen || !facts || safeStatus(appliesWhen, facts) === 'pass');

  return {
    id: check.id,
    problems,
    appliesTo,
    evaluate,
    isEffective: () =>
      effectiveFrom === undefined || now().getTime() >= effectiveFrom,
  };
}
