import type { JsonValue } from '@backstage/types';
import type {
  EntityFacts,
  FailingCondition,
  Rule,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileFactPath } from './factPath';
import { compileOperator, FAILED, PASSED, RuleCompileError } from './operators';

/**
 * Rule semantics (three-valued, Kleene's strong logic, error = "unknown"):
 * - a condition whose fact is missing (absent or null) is an `error` for every operator but `exists`, so a
 *   missing integration is visible instead of passing `notEqual` or failing `lessThan` by accident;
 * - `all`: a failing child makes it `fail` (it would fail whatever the unknown values are); otherwise an
 *   erroring child makes it `error`; otherwise `pass`;
 * - `any`: a passing child makes it `pass`; otherwise an erroring child makes it `error`; otherwise `fail`;
 * - `not` swaps pass and fail and keeps `error`.
 * Among several deciding children, the first in rule order is reported.
 */

/** The rule passed. A single shared instance: the pass path allocates nothing. */
export interface RulePass {
  /** Always `pass`. */
  readonly status: 'pass';
}

/** The rule failed because of one condition. */
export interface RuleFail {
  /** Always `fail`. */
  readonly status: 'fail';
  /** The condition that decided the failure. */
  readonly failing: FailingCondition;
  /**
   * True when the condition itself held and an enclosing `not` turned that into the failure
   * (`catalog.spec.lifecycle` *is* `experimental` under `not`), so messages read "expected not …".
   */
  readonly negated: boolean;
}

/** The rule could not be decided: a missing fact, a value of the wrong type, or a rule that did not compile. */
export interface RuleError {
  /** Always `error`. */
  readonly status: 'error';
  /** Why, e.g. `missing fact kubernetes.oomKills24h (source kubernetes has no value)`. */
  readonly reason: string;
  /** The condition that could not be evaluated. */
  readonly failing: FailingCondition;
}

/** What evaluating a rule against one entity's facts produced. */
export type RuleVerdict = RulePass | RuleFail | RuleError;

/** A compiled rule: evaluates one entity's facts, never parses anything. */
export type CompiledRule = (facts: EntityFacts) => RuleVerdict;

/** The verdict of every passing rule. */
export const RULE_PASS: RulePass = Object.freeze({ status: 'pass' as const });

/** A verdict without its explanation: what nested rules compute first, so that passing allocates nothing. */
type Code = 0 | 1 | 2;
const PASS: Code = 0;
const FAIL: Code = 1;
const ERROR: Code = 2;

interface Node {
  /** The verdict's status alone. */
  test(facts: EntityFacts): Code;
  /** The full verdict; allocates only when it is not a pass. */
  evaluate(facts: EntityFacts): RuleVerdict;
  /**
   * Called only after `evaluate` returned pass, for an enclosing `not` that needs the condition that made it
   * pass; keeping this off the verdict is what lets the pass path stay allocation-free.
   */
  explainPass(facts: EntityFacts): RuleFail | RuleError;
}

function childPath(path: string, segment: string): string {
  return path ? `${path}.${segment}` : segment;
}

function constantError(
  path: string,
  fact: string,
  operator: string,
  expected: unknown,
  reason: string,
): Node {
  const verdict: RuleError = {
    status: 'error',
    reason,
    failing: { path, fact, operator, expected },
  };
  return {
    test: () => ERROR,
    evaluate: () => verdict,
    explainPass: () => verdict,
  };
}

/** An empty `all`/`any` (the schema forbids them, a hand-written rule may not): a condition without a fact. */
function emptyCondition(
  path: string,
  operator: 'all' | 'any',
): FailingCondition {
  return { path, fact: '', operator, expected: [] };
}

function compileCondition(
  rule: { fact?: unknown; operator?: unknown; value?: JsonValue },
  path: string,
  problems: string[] | undefined,
): Node {
  const fact = typeof rule.fact === 'string' ? rule.fact : String(rule.fact);
  const operator =
    typeof rule.operator === 'string' ? rule.operator : String(rule.operator);
  const expected = rule.value;
  const invalid = (message: string): Node => {
    const reason = `invalid rule at ${path || 'the root'}: ${message}`;
    problems?.push(reason);
    return constantError(path, fact, operator, expected, reason);
  };

  const factPath = compileFactPath(fact);
  if (!factPath) {
    return invalid(
      `malformed fact reference "${fact}"; expected <source>.<path>`,
    );
  }
  const resolve = factPath.resolve;
  const condition = (actual: JsonValue | undefined): FailingCondition => ({
    path,
    fact,
    operator,
    expected,
    actual,
  });
  const missing = (facts: EntityFacts): RuleError => ({
    status: 'error',
    reason: factPath.describeMissing(facts),
    failing: condition(undefined),
  });
  const explainPass = (facts: EntityFacts): RuleFail => ({
    status: 'fail',
    failing: condition(resolve(facts)),
    negated: true,
  });

  if (operator === 'exists') {
    if (expected !== undefined && typeof expected !== 'boolean') {
      return invalid('operator exists takes true, false or nothing');
    }
    const wantsPresent = expected !== false;
    // exists never errors: presence is exactly what it asks about.
    const evaluate = (facts: EntityFacts): RuleVerdict => {
      const actual = resolve(facts);
      return (actual !== undefined) === wantsPresent
        ? RULE_PASS
        : { status: 'fail', failing: condition(actual), negated: false };
    };
    return {
      test: facts =>
        (resolve(facts) !== undefined) === wantsPresent ? PASS : FAIL,
      evaluate,
      explainPass,
    };
  }

  let compiled;
  try {
    compiled = compileOperator(operator, expected);
  } catch (error) {
    if (error instanceof RuleCompileError) return invalid(error.message);
    throw error;
  }
  const { test: check, explain } = compiled;
  const test = (facts: EntityFacts): Code => {
    const actual = resolve(facts);
    if (actual === undefined) return ERROR;
    const result = check(actual);
    if (result === PASSED) return PASS;
    return result === FAILED ? FAIL : ERROR;
  };
  const evaluate = (facts: EntityFacts): RuleVerdict => {
    const actual = resolve(facts);
    if (actual === undefined) return missing(facts);
    const result = check(actual);
    if (result === PASSED) return RULE_PASS;
    if (result === FAILED) {
      return { status: 'fail', failing: condition(actual), negated: false };
    }
    return {
      status: 'error',
      reason: explain(fact, actual),
      failing: condition(actual),
    };
  };
  return { test, evaluate, explainPass };
}

function compileAll(children: Node[], path: string): Node {
  const n = children.length;
  return {
    test(facts) {
      let result: Code = PASS;
      for (let i = 0; i < n; i++) {
        const code = children[i].test(facts);
        if (code === FAIL) return FAIL;
        if (code === ERROR) result = ERROR;
      }
      return result;
    },
    evaluate(facts) {
      // Children only allocate when they do not pass, and then neither does this `all`.
      let firstError: RuleError | undefined;
      for (let i = 0; i < n; i++) {
        const verdict = children[i].evaluate(facts);
        if (verdict.status === 'fail') return verdict;
        if (verdict.status === 'error' && !firstError) firstError = verdict;
      }
      return firstError ?? RULE_PASS;
    },
    explainPass(facts) {
      // Every child passed; the first one stands for them.
      return n > 0
        ? children[0].explainPass(facts)
        : {
            status: 'fail',
            failing: emptyCondition(path, 'all'),
            negated: true,
          };
    },
  };
}

function compileAny(children: Node[], path: string): Node {
  const n = children.length;
  return {
    test(facts) {
      let result: Code = FAIL;
      for (let i = 0; i < n; i++) {
        const code = children[i].test(facts);
        if (code === PASS) return PASS;
        if (code === ERROR) result = ERROR;
      }
      return result;
    },
    evaluate(facts) {
      // Codes first: failing children before a passing one must not allocate verdicts nobody reads.
      let firstError = -1;
      let firstFail = -1;
      for (let i = 0; i < n; i++) {
        const code = children[i].test(facts);
        if (code === PASS) return RULE_PASS;
        if (code === ERROR) {
          if (firstError < 0) firstError = i;
        } else if (firstFail < 0) {
          firstFail = i;
        }
      }
      const decisive = firstError >= 0 ? firstError : firstFail;
      if (decisive < 0) {
        return {
          status: 'fail',
          failing: emptyCondition(path, 'any'),
          negated: false,
        };
      }
      return children[decisive].evaluate(facts);
    },
    explainPass(facts) {
      for (let i = 0; i < n; i++) {
        if (children[i].test(facts) === PASS) {
          return children[i].explainPass(facts);
        }
      }
      return {
        status: 'error',
        reason: 'facts changed while explaining a rule',
        failing: emptyCondition(path, 'any'),
      };
    },
  };
}

function compileNot(inner: Node): Node {
  return {
    test(facts) {
      const code = inner.test(facts);
      if (code === ERROR) return ERROR;
      return code === PASS ? FAIL : PASS;
    },
    evaluate(facts) {
      const code = inner.test(facts);
      if (code === FAIL) return RULE_PASS;
      return code === PASS ? inner.explainPass(facts) : inner.evaluate(facts);
    },
    explainPass(facts) {
      // `not` passed, so its child failed: that failure is the explanation.
      const verdict = inner.evaluate(facts);
      return verdict.status === 'pass' ? inner.explainPass(facts) : verdict;
    },
  };
}

function compileNode(
  rule: unknown,
  path: string,
  problems: string[] | undefined,
): Node {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    const reason = `invalid rule at ${
      path || 'the root'
    }: expected all, any, not or a condition`;
    problems?.push(reason);
    return constantError(path, '', '', undefined, reason);
  }
  if ('all' in rule && Array.isArray(rule.all)) {
    const base = childPath(path, 'all');
    return compileAll(
      rule.all.map((child: unknown, i: number) =>
        compileNode(child, `${base}[${i}]`, problems),
      ),
      base,
    );
  }
  if ('any' in rule && Array.isArray(rule.any)) {
    const base = childPath(path, 'any');
    return compileAny(
      rule.any.map((child: unknown, i: number) =>
        compileNode(child, `${base}[${i}]`, problems),
      ),
      base,
    );
  }
  if ('not' in rule) {
    return compileNot(compileNode(rule.not, childPath(path, 'not'), problems));
  }
  return compileCondition(
    rule as { fact?: unknown; operator?: unknown; value?: JsonValue },
    path,
    problems,
  );
}

/**
 * Compiles a rule tree once into a closure over an entity's facts. `path` prefixes the reported condition
 * paths; a condition that cannot compile (bad regex, bad range) becomes a constant `error` verdict, and its
 * reason is also pushed to `problems` when given.
 */
export function compileRule(
  rule: Rule,
  path = '',
  problems?: string[],
): CompiledRule {
  const node = compileNode(rule, path, problems);
  return node.evaluate;
}
