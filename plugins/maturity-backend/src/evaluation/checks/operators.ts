import type { JsonObject, JsonValue } from '@backstage/types';
import type { RuleOperator } from '@ratchet/backstage-plugin-maturity-common';
import { Range, SemVer } from 'semver';
import { describeValue, formatValue } from './messages';

/** What testing a present fact value produced; plain numbers so the pass path allocates nothing. */
export type TestResult = 0 | 1 | 2 | 3;
/** The value satisfies the operator. */
export const PASSED = 0;
/** The value does not satisfy the operator. */
export const FAILED = 1;
/** The value has a type the operator cannot compare (a string for `lessThan`). */
export const WRONG_TYPE = 2;
/** The value has the right type but cannot be read (a string that is no version). */
export const INVALID_VALUE = 3;

/** An operator and its expected value, compiled once. `exists` is not one: it is decided by presence. */
export interface CompiledOperator {
  /** Tests a present fact value (never undefined or null). */
  test(actual: JsonValue): TestResult;
  /** Why `actual` could not be compared; only called after test returned WRONG_TYPE or INVALID_VALUE. */
  explain(ref: string, actual: JsonValue): string;
}

/** A rule that cannot be compiled (bad regex, bad range, wrong value type); the message names the problem. */
export class RuleCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleCompileError';
  }
}

/** Deep equality of JSON values; keys whose value is undefined count as absent. */
export function jsonEqual(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  ) {
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  return objectEqual(a, b);
}

function objectEqual(a: JsonObject, b: JsonObject): boolean {
  let count = 0;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    if (!jsonEqual(a[key], b[key])) return false;
    count++;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined) count--;
  return count === 0;
}

function isPrimitive(
  value: JsonValue,
): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function wrongType(operator: string, needs: string) {
  return (ref: string, actual: JsonValue) =>
    `wrong type: ${ref} is ${describeValue(
      actual,
    )}; ${operator} needs ${needs}`;
}

function numeric(
  operator: RuleOperator,
  expected: JsonValue | undefined,
): CompiledOperator {
  if (typeof expected !== 'number' || !Number.isFinite(expected)) {
    throw new RuleCompileError(
      `operator ${operator} needs a number; got ${formatValue(expected)}`,
    );
  }
  const v = expected;
  const explain = wrongType(operator, 'a number');
  // One closure per operator, so evaluating is a type check and one comparison.
  switch (operator) {
    case 'lessThan':
      return {
        explain,
        test(a) {
          if (typeof a !== 'number') return WRONG_TYPE;
          return a < v ? PASSED : FAILED;
        },
      };
    case 'lessThanInclusive':
      return {
        explain,
        test(a) {
          if (typeof a !== 'number') return WRONG_TYPE;
          return a <= v ? PASSED : FAILED;
        },
      };
    case 'greaterThan':
      return {
        explain,
        test(a) {
          if (typeof a !== 'number') return WRONG_TYPE;
          return a > v ? PASSED : FAILED;
        },
      };
    default:
      return {
        explain,
        test(a) {
          if (typeof a !== 'number') return WRONG_TYPE;
          return a >= v ? PASSED : FAILED;
        },
      };
  }
}

function equality(
  expected: JsonValue | undefined,
  negate: boolean,
): CompiledOperator {
  if (expected === undefined) {
    throw new RuleCompileError(
      `operator ${negate ? 'notEqual' : 'equal'} needs a value`,
    );
  }
  const hit = negate ? FAILED : PASSED;
  const miss = negate ? PASSED : FAILED;
  const explain = wrongType(negate ? 'notEqual' : 'equal', 'a value');
  if (isPrimitive(expected)) {
    return { explain, test: a => (a === expected ? hit : miss) };
  }
  return { explain, test: a => (jsonEqual(a, expected) ? hit : miss) };
}

function membership(expected: JsonValue | undefined): CompiledOperator {
  if (!Array.isArray(expected)) {
    throw new RuleCompileError(
      `operator in needs a list of values; got ${formatValue(expected)}`,
    );
  }
  // Primitives are looked up in a Set; objects and lists need deep equality, so they stay a list.
  const primitives = new Set<JsonValue>(expected.filter(isPrimitive));
  const structured = expected.filter(v => !isPrimitive(v));
  return {
    explain: wrongType('in', 'a value'),
    test(a) {
      if (isPrimitive(a)) return primitives.has(a) ? PASSED : FAILED;
      for (let i = 0; i < structured.length; i++) {
        if (jsonEqual(a, structured[i])) return PASSED;
      }
      return FAILED;
    },
  };
}

function containment(expected: JsonValue | undefined): CompiledOperator {
  if (expected === undefined) {
    throw new RuleCompileError('operator contains needs a value');
  }
  const needle = expected;
  const primitive = isPrimitive(needle);
  const isString = typeof needle === 'string';
  return {
    test(a) {
      if (typeof a === 'string') {
        if (!isString) return WRONG_TYPE;
        return a.includes(needle as string) ? PASSED : FAILED;
      }
      if (!Array.isArray(a)) return WRONG_TYPE;
      if (primitive) {
        for (let i = 0; i < a.length; i++) if (a[i] === needle) return PASSED;
        return FAILED;
      }
      for (let i = 0; i < a.length; i++)
        if (jsonEqual(a[i], needle)) return PASSED;
      return FAILED;
    },
    explain: (ref, a) =>
      typeof a === 'string'
        ? `wrong type: ${ref} is ${describeValue(
            a,
          )}; contains with ${describeValue(needle)} needs a list`
        : `wrong type: ${ref} is ${describeValue(
            a,
          )}; contains needs a string or a list`,
  };
}

function regex(expected: JsonValue | undefined): CompiledOperator {
  if (typeof expected !== 'string') {
    throw new RuleCompileError(
      `operator matches needs a regular expression string; got ${formatValue(
        expected,
      )}`,
    );
  }
  let pattern: RegExp;
  try {
    // No flags: without `g`/`y` a RegExp keeps no lastIndex state, so one instance serves every evaluation.
    pattern = new RegExp(expected);
  } catch (error) {
    throw new RuleCompileError(
      `invalid regular expression ${formatValue(expected)}: ${
        (error as Error).message
      }`,
    );
  }
  return {
    explain: wrongType('matches', 'a string'),
    test(a) {
      if (typeof a !== 'string') return WRONG_TYPE;
      return pattern.test(a) ? PASSED : FAILED;
    },
  };
}

const PARTIAL_VERSION = /^v?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a version: full semver (`1.2.3`, `v1.2.3`, `1.2.3-rc.1`) or a partial one (`3`, `3.12`, as language
 * runtimes are often written), which is padded with zeros. Numbers are refused: YAML reads `3.10` as 3.1.
 */
export function parseVersion(value: string): SemVer | undefined {
  try {
    return new SemVer(value);
  } catch {
    const partial = PARTIAL_VERSION.exec(value.trim());
    return partial
      ? new SemVer(`${partial[1]}.${partial[2] ?? '0'}.0`)
      : undefined;
  }
}

/*
 * Parsed versions by their text. A fleet has few distinct versions and parsing one costs more than the rest
 * of a condition, so semverSatisfies reuses them; the cache is keyed by the fact's text (never by entity),
 * shared by every check, and simply cleared when full so that it stays bounded.
 */
const VERSION_CACHE_LIMIT = 4096;
const versionCache = new Map<string, SemVer | null>();

function cachedVersion(value: string): SemVer | undefined {
  let version = versionCache.get(value);
  if (version === undefined) {
    if (versionCache.size >= VERSION_CACHE_LIMIT) versionCache.clear();
    version = parseVersion(value) ?? null;
    versionCache.set(value, version);
  }
  return version ?? undefined;
}

function semverRange(expected: JsonValue | undefined): CompiledOperator {
  let range: Range;
  try {
    if (typeof expected !== 'string') throw new TypeError('not a string');
    // includePrerelease: 2.0.0-rc.1 satisfies >=1.2.0, as an owner would expect; 1.2.0-rc.1 still does not.
    range = new Range(expected, { includePrerelease: true });
  } catch {
    throw new RuleCompileError(
      `operator semverSatisfies needs a semver range such as ">=3.11"; got ${formatValue(
        expected,
      )}`,
    );
  }
  return {
    test(a) {
      if (typeof a !== 'string') return WRONG_TYPE;
      const version = cachedVersion(a);
      if (!version) return INVALID_VALUE;
      return range.test(version) ? PASSED : FAILED;
    },
    explain: (ref, a) =>
      typeof a === 'string'
        ? `invalid version: ${ref} is ${formatValue(
            a,
          )}; semverSatisfies needs a version such as 1.2.3`
        : `wrong type: ${ref} is ${describeValue(
            a,
          )}; semverSatisfies needs a version string`,
  };
}

/** Compiles every operator but `exists`; throws RuleCompileError for an unknown operator or a bad value. */
export function compileOperator(
  operator: string,
  expected: JsonValue | undefined,
): CompiledOperator {
  switch (operator) {
    case 'equal':
      return equality(expected, false);
    case 'notEqual':
      return equality(expected, true);
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return numeric(operator, expected);
    case 'in':
      return membership(expected);
    case 'contains':
      return containment(expected);
    case 'matches':
      return regex(expected);
    case 'semverSatisfies':
      return semverRange(expected);
    default:
      throw new RuleCompileError(`unknown operator ${formatValue(operator)}`);
  }
}
