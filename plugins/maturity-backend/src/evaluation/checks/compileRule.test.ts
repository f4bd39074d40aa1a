import type {
  EntityFacts,
  Rule,
  RuleCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileRule, RuleVerdict } from './compileRule';

const facts: EntityFacts = {
  catalog: { spec: { lifecycle: 'production', owner: 'payments' } },
  kubernetes: { oomKills24h: 5, replicas: 3 },
};

const PASS: RuleCondition = {
  fact: 'kubernetes.replicas',
  operator: 'greaterThan',
  value: 1,
};
const FAIL: RuleCondition = {
  fact: 'kubernetes.oomKills24h',
  operator: 'lessThanInclusive',
  value: 2,
};
const ERROR: RuleCondition = {
  fact: 'kubernetes.restarts',
  operator: 'lessThan',
  value: 1,
};

function evaluate(rule: Rule): RuleVerdict {
  return compileRule(rule)(facts);
}

function failingPath(verdict: RuleVerdict): string | undefined {
  return verdict.status === 'pass' ? undefined : verdict.failing.path;
}

describe('compileRule: all', () => {
  it('passes when every child passes', () => {
    expect(evaluate({ all: [PASS, PASS] }).status).toBe('pass');
  });

  it('fails on a failing child, even when another child errors', () => {
    const verdict = evaluate({ all: [PASS, ERROR, FAIL] });
    expect(verdict.status).toBe('fail');
    expect(failingPath(verdict)).toBe('all[2]');
  });

  it('errors when no child fails and one errors', () => {
    const verdict = evaluate({ all: [PASS, ERROR] });
    expect(verdict).toMatchObject({
      status: 'error',
      reason:
        'missing fact kubernetes.restarts (source kubernetes has no value)',
      failing: { path: 'all[1]', fact: 'kubernetes.restarts' },
    });
  });

  it('reports the first failing child', () => {
    expect(failingPath(evaluate({ all: [PASS, FAIL, FAIL] }))).toBe('all[1]');
  });
});

describe('compileRule: any', () => {
  it('passes when one child passes, even if others error', () => {
    expect(evaluate({ any: [ERROR, FAIL, PASS] }).status).toBe('pass');
  });

  it('errors when nothing passes and a child errors', () => {
    const verdict = evaluate({ any: [FAIL, ERROR] });
    expect(verdict.status).toBe('error');
    expect(failingPath(verdict)).toBe('any[1]');
  });

  it('fails with the first failing child when all fail', () => {
    const verdict = evaluate({ any: [FAIL, { ...FAIL, value: 3 }] });
    expect(verdict.status).toBe('fail');
    expect(failingPath(verdict)).toBe('any[0]');
  });
});

describe('compileRule: not', () => {
  it('turns a failure into a pass', () => {
    expect(evaluate({ not: FAIL })).toBe(evaluate(PASS));
  });

  it('turns a pass into a negated failure of the condition that passed', () => {
    const lifecycle: RuleCondition = {
      fact: 'catalog.spec.lifecycle',
      operator: 'equal',
      value: 'production',
    };
    expect(evaluate({ not: lifecycle })).toEqual({
      status: 'fail',
      negated: true,
      failing: {
        path: 'not',
        fact: 'catalog.spec.lifecycle',
        operator: 'equal',
        expected: 'production',
        actual: 'production',
      },
    });
  });

  it('keeps errors', () => {
    expect(evaluate({ not: ERROR }).status).toBe('error');
  });

  it('explains a passing any by its first passing child', () => {
    const verdict = evaluate({ not: { any: [FAIL, ERROR, PASS] } });
    expect(verdict.status).toBe('fail');
    expect(failingPath(verdict)).toBe('not.any[2]');
  });

  it('explains a double negation by the inner failure, not negated', () => {
    const verdict = evaluate({ not: { not: FAIL } });
    expect(verdict).toMatchObject({
      status: 'fail',
      negated: false,
      failing: { path: 'not.not', actual: 5 },
    });
    expect(evaluate({ not: { not: PASS } }).status).toBe('pass');
  });

  it('explains not(all) by the first child, which passed', () => {
    const verdict = evaluate({ not: { all: [PASS, { not: FAIL }] } });
    expect(verdict).toMatchObject({
      status: 'fail',
      negated: true,
      failing: { path: 'not.all[0]' },
    });
  });
});

describe('compileRule: paths', () => {
  it('names nested conditions like all[1].any[0]', () => {
    const rule: Rule = {
      all: [PASS, { any: [FAIL, { not: { all: [PASS, PASS] } }] }],
    };
    const verdict = evaluate(rule);
    expect(verdict.status).toBe('fail');
    expect(failingPath(verdict)).toBe('all[1].any[0]');
  });

  it('reaches into deep negations', () => {
    const rule: Rule = {
      any: [{ all: [PASS, { not: { any: [FAIL, PASS] } }] }],
    };
    expect(failingPath(evaluate(rule))).toBe('any[0].all[1].not.any[1]');
  });

  it('prefixes paths with the given base path', () => {
    const verdict = compileRule({ all: [FAIL] }, 'checks[3].rule')(facts);
    expect(failingPath(verdict)).toBe('checks[3].rule.all[0]');
  });
});

describe('compileRule: rules that cannot compile', () => {
  it('turns bad conditions into error verdicts and reports problems', () => {
    const problems: string[] = [];
    const rule = compileRule(
      {
        any: [
          { fact: 'pushed.name', operator: 'matches', value: '(' },
          {
            fact: 'pushed.version',
            operator: 'semverSatisfies',
            value: '>=banana',
          },
          { fact: 'nosource', operator: 'exists' },
          { fact: 'pushed.n', operator: 'lessThan', value: 'three' },
          { fact: 'pushed.n', operator: 'in', value: 'x' },
          { fact: 'pushed.n', operator: 'exists', value: 'yes' },
          { fact: 'pushed.n', operator: 'bigger' as 'equal', value: 1 },
          { fact: 'pushed.n', operator: 'equal' },
        ],
      },
      '',
      problems,
    );
    const verdict = rule({ pushed: { name: 'x', version: '1.0.0', n: 1 } });
    expect(verdict.status).toBe('error');
    expect(problems).toHaveLength(8);
    expect(problems[0]).toMatch(
      /^invalid rule at any\[0\]: invalid regular expression "\(": /,
    );
    expect(problems[1]).toContain('semverSatisfies needs a semver range');
    expect(problems[2]).toContain('malformed fact reference "nosource"');
    expect(problems[6]).toContain('unknown operator "bigger"');
  });

  it('lets a sound sibling decide an any', () => {
    const rule = compileRule({
      any: [{ fact: 'pushed.name', operator: 'matches', value: '(' }, PASS],
    });
    expect(rule(facts).status).toBe('pass');
  });

  it('handles empty and malformed nodes', () => {
    expect(compileRule({ all: [] })(facts).status).toBe('pass');
    expect(compileRule({ any: [] })(facts).status).toBe('fail');
    expect(compileRule({ not: { all: [] } })(facts)).toMatchObject({
      status: 'fail',
      failing: { path: 'not.all', operator: 'all' },
    });
    expect(compileRule(null as unknown as Rule)(facts).status).toBe('error');
  });
});
