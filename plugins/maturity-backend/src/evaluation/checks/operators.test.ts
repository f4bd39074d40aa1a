import type { JsonValue } from '@backstage/types';
import type {
  EntityFacts,
  RuleOperator,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileRule, RuleVerdict } from './compileRule';
import { jsonEqual, parseVersion } from './operators';

/** Evaluates one condition on `pushed.x = actual` (or without the fact when actual is undefined). */
function run(
  operator: RuleOperator,
  value: JsonValue | undefined,
  actual: JsonValue | undefined,
): RuleVerdict {
  const facts: EntityFacts = {
    pushed: actual === undefined ? {} : { x: actual },
  };
  const condition =
    value === undefined
      ? { fact: 'pushed.x', operator }
      : { fact: 'pushed.x', operator, value };
  return compileRule(condition)(facts);
}

function status(
  operator: RuleOperator,
  value: JsonValue | undefined,
  actual: JsonValue | undefined,
): string {
  return run(operator, value, actual).status;
}

function reason(verdict: RuleVerdict): string {
  return verdict.status === 'error' ? verdict.reason : '';
}

describe('operators', () => {
  it('equal and notEqual compare strictly and deeply', () => {
    expect(status('equal', 'production', 'production')).toBe('pass');
    expect(status('equal', 'production', 'Production')).toBe('fail');
    expect(status('equal', 5, '5')).toBe('fail');
    expect(status('equal', true, true)).toBe('pass');
    expect(status('equal', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(
      'pass',
    );
    expect(status('equal', { a: 1 }, { a: 1, b: 2 })).toBe('fail');
    expect(status('equal', [1, 2], [2, 1])).toBe('fail');
    expect(status('notEqual', 'deprecated', 'production')).toBe('pass');
    expect(status('notEqual', 'deprecated', 'deprecated')).toBe('fail');
    expect(status('notEqual', { a: 1 }, { a: 1 })).toBe('fail');
    expect(status('notEqual', 5, '5')).toBe('pass');
  });

  it('a missing fact is an error for equal and notEqual, not a silent pass', () => {
    const verdict = run('notEqual', 'deprecated', undefined);
    expect(verdict.status).toBe('error');
    expect(reason(verdict)).toBe(
      'missing fact pushed.x (source pushed has no value)',
    );
    expect(status('equal', 'x', undefined)).toBe('error');
    expect(status('equal', 'x', null)).toBe('error');
  });

  it('lessThan and greaterThan are strict, the inclusive ones are not', () => {
    expect(status('lessThan', 2, 1)).toBe('pass');
    expect(status('lessThan', 2, 2)).toBe('fail');
    expect(status('lessThanInclusive', 2, 2)).toBe('pass');
    expect(status('lessThanInclusive', 2, 2.0001)).toBe('fail');
    expect(status('greaterThan', 2, 3)).toBe('pass');
    expect(status('greaterThan', 2, 2)).toBe('fail');
    expect(status('greaterThanInclusive', 2, 2)).toBe('pass');
    expect(status('greaterThanInclusive', 2, 1.9999)).toBe('fail');
    expect(status('lessThan', 0, -1)).toBe('pass');
  });

  it('numeric operators error on values that are not numbers', () => {
    const verdict = run('lessThan', 2, '1');
    expect(verdict.status).toBe('error');
    expect(reason(verdict)).toBe(
      'wrong type: pushed.x is a string ("1"); lessThan needs a number',
    );
    expect(status('greaterThan', 2, true)).toBe('error');
    expect(status('greaterThanInclusive', 2, [3])).toBe('error');
    expect(status('lessThanInclusive', 2, undefined)).toBe('error');
  });

  it('in looks primitives up and compares objects deeply', () => {
    const lifecycles = ['production', 'staging', 3, true, null];
    expect(status('in', lifecycles, 'production')).toBe('pass');
    expect(status('in', lifecycles, 'experimental')).toBe('fail');
    expect(status('in', lifecycles, 3)).toBe('pass');
    expect(status('in', lifecycles, '3')).toBe('fail');
    expect(status('in', lifecycles, true)).toBe('pass');
    expect(status('in', [{ a: 1 }, [1, 2]], { a: 1 })).toBe('pass');
    expect(status('in', [{ a: 1 }, [1, 2]], [1, 2])).toBe('pass');
    expect(status('in', [{ a: 1 }], { a: 2 })).toBe('fail');
    expect(status('in', [], 'x')).toBe('fail');
    expect(status('in', ['x'], undefined)).toBe('error');
  });

  it('contains works on strings and lists', () => {
    expect(status('contains', 'prod', 'my-production-db')).toBe('pass');
    expect(status('contains', 'test', 'my-production-db')).toBe('fail');
    expect(status('contains', 'java', ['go', 'java'])).toBe('pass');
    expect(status('contains', 'jav', ['go', 'java'])).toBe('fail');
    expect(status('contains', 3, [1, 2, 3])).toBe('pass');
    expect(status('contains', { a: 1 }, [{ a: 1 }, { b: 2 }])).toBe('pass');
    expect(status('contains', { a: 1 }, [{ a: 2 }])).toBe('fail');
    expect(status('contains', 'x', [])).toBe('fail');
  });

  it('contains errors on other types and on a non-string needle in a string', () => {
    const onNumber = run('contains', 'x', 5);
    expect(reason(onNumber)).toBe(
      'wrong type: pushed.x is a number (5); contains needs a string or a list',
    );
    expect(status('contains', 'x', { x: 1 })).toBe('error');
    const numberInString = run('contains', 5, 'a5');
    expect(reason(numberInString)).toBe(
      'wrong type: pushed.x is a string ("a5"); contains with a number (5) needs a list',
    );
  });

  it('matches tests strings against a regular expression', () => {
    expect(status('matches', '^[a-z][a-z0-9-]*$', 'payments-api')).toBe('pass');
    expect(status('matches', '^[a-z][a-z0-9-]*$', 'Payments_API')).toBe('fail');
    expect(status('matches', 'api', 'payments-api')).toBe('pass');
    // The compiled pattern keeps no state between evaluations.
    expect(status('matches', 'a', 'a')).toBe('pass');
    expect(status('matches', 'a', 'a')).toBe('pass');
  });

  it('matches errors on non-strings', () => {
    expect(reason(run('matches', '^1', 12))).toBe(
      'wrong type: pushed.x is a number (12); matches needs a string',
    );
    expect(status('matches', '.*', ['a'])).toBe('error');
    expect(status('matches', '.*', false)).toBe('error');
  });

  it('semverSatisfies reads versions with a v prefix and partial versions', () => {
    expect(status('semverSatisfies', '>=1.2.0', '1.2.3')).toBe('pass');
    expect(status('semverSatisfies', '>=1.2.0', 'v1.2.3')).toBe('pass');
    expect(status('semverSatisfies', '>=1.2.4', 'v1.2.3')).toBe('fail');
    expect(status('semverSatisfies', '^18', '18.19.1')).toBe('pass');
    expect(status('semverSatisfies', '^18', '20.0.0')).toBe('fail');
    expect(status('semverSatisfies', '>=3.11', '3.12')).toBe('pass');
    expect(status('semverSatisfies', '>=3.11', '3.10')).toBe('fail');
    expect(status('semverSatisfies', '>=3', 'v3')).toBe('pass');
  });

  it('semverSatisfies counts prereleases by their order', () => {
    expect(status('semverSatisfies', '>=1.2.0', '2.0.0-rc.1')).toBe('pass');
    expect(status('semverSatisfies', '>=1.2.0', '1.2.0-rc.1')).toBe('fail');
    expect(status('semverSatisfies', '>=1.2.0-beta.1', '1.2.0-rc.1')).toBe(
      'pass',
    );
    expect(status('semverSatisfies', '^1.2.0', '1.3.0+build.5')).toBe('pass');
  });

  it('semverSatisfies errors on invalid versions and non-strings', () => {
    expect(reason(run('semverSatisfies', '>=1', 'banana'))).toBe(
      'invalid version: pushed.x is "banana"; semverSatisfies needs a version such as 1.2.3',
    );
    expect(status('semverSatisfies', '>=1', '1.2.3.4')).toBe('error');
    expect(reason(run('semverSatisfies', '>=3', 3.1))).toBe(
      'wrong type: pushed.x is a number (3.1); semverSatisfies needs a version string',
    );
    expect(status('semverSatisfies', '>=3', undefined)).toBe('error');
  });

  it('exists checks presence and never errors', () => {
    expect(status('exists', undefined, 'x')).toBe('pass');
    expect(status('exists', true, 0)).toBe('pass');
    expect(status('exists', true, false)).toBe('pass');
    expect(status('exists', true, '')).toBe('pass');
    expect(status('exists', undefined, undefined)).toBe('fail');
    expect(status('exists', true, null)).toBe('fail');
    expect(status('exists', false, undefined)).toBe('pass');
    expect(status('exists', false, 'x')).toBe('fail');
    const noSource = compileRule({ fact: 'kubernetes.x', operator: 'exists' });
    expect(noSource({}).status).toBe('fail');
  });

  it('reports the failing condition with expected and actual values', () => {
    expect(run('lessThanInclusive', 2, 5)).toEqual({
      status: 'fail',
      negated: false,
      failing: {
        path: '',
        fact: 'pushed.x',
        operator: 'lessThanInclusive',
        expected: 2,
        actual: 5,
      },
    });
  });

  it('the pass verdict is one shared object', () => {
    expect(run('equal', 1, 1)).toBe(run('lessThan', 2, 1));
  });
});

describe('jsonEqual', () => {
  it('ignores key order and undefined-valued keys', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, [1])).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});

describe('parseVersion', () => {
  it('pads partial versions and refuses nonsense', () => {
    expect(parseVersion('3.12')?.version).toBe('3.12.0');
    expect(parseVersion('v2')?.version).toBe('2.0.0');
    expect(parseVersion('v1.2.3-rc.1')?.version).toBe('1.2.3-rc.1');
    expect(parseVersion('latest')).toBeUndefined();
  });
});
