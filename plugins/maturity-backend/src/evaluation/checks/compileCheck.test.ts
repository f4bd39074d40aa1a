import type {
  CheckBase,
  EntityFacts,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileCheck } from './compileCheck';
import { compileTemplate, describeFailure, formatValue } from './messages';

const facts: EntityFacts = {
  catalog: {
    metadata: { name: 'payments-api', tags: ['java', 'pci'] },
    spec: { lifecycle: 'experimental' },
  },
  kubernetes: { oomKills24h: 5, replicas: { desired: 3 } },
};

const oomCheck: CheckBase = {
  id: 'few-oom-kills',
  title: 'Few OOM kills',
  rule: {
    fact: 'kubernetes.oomKills24h',
    operator: 'lessThanInclusive',
    value: 2,
  },
};

describe('compileCheck', () => {
  it('passes with the default message', () => {
    const check = compileCheck({
      ...oomCheck,
      rule: { ...oomCheck.rule, value: 10 },
    });
    expect(check.id).toBe('few-oom-kills');
    expect(check.evaluate(facts)).toEqual({
      status: 'pass',
      message: 'Few OOM kills: passed',
    });
    // A constant pass message is one shared, frozen outcome.
    expect(check.evaluate(facts)).toBe(check.evaluate(facts));
    expect(Object.isFrozen(check.evaluate(facts))).toBe(true);
  });

  it('fails with a generated message and the failing condition', () => {
    expect(compileCheck(oomCheck).evaluate(facts)).toEqual({
      status: 'fail',
      message: 'kubernetes.oomKills24h is 5, expected lessThanInclusive 2',
      failing: {
        path: '',
        fact: 'kubernetes.oomKills24h',
        operator: 'lessThanInclusive',
        expected: 2,
        actual: 5,
      },
    });
  });

  it('reports errors with their reason', () => {
    const outcome = compileCheck(oomCheck).evaluate({ catalog: {} });
    expect(outcome).toMatchObject({
      status: 'error',
      message:
        'missing fact kubernetes.oomKills24h (source kubernetes reported no facts for this entity)',
      failing: { fact: 'kubernetes.oomKills24h', actual: undefined },
    });
    const withSource = compileCheck(oomCheck).evaluate({ kubernetes: {} });
    expect(withSource.message).toBe(
      'missing fact kubernetes.oomKills24h (source kubernetes has no value)',
    );
  });

  it('fills placeholders in pass and fail messages', () => {
    const check = compileCheck({
      ...oomCheck,
      messages: {
        pass: '{{catalog.metadata.name}} had {{ kubernetes.oomKills24h }} OOM kills',
        fail: '{{catalog.metadata.name}} had {{kubernetes.oomKills24h}} OOM kills ({{catalog.metadata.tags}}; {{kubernetes.replicas}}; {{pushed.nothing}})',
      },
    });
    expect(check.evaluate(facts).message).toBe(
      'payments-api had 5 OOM kills (java, pci; {"desired":3}; unknown)',
    );
    const calm = { ...facts, kubernetes: { oomKills24h: 0 } };
    expect(check.evaluate(calm)).toEqual({
      status: 'pass',
      message: 'payments-api had 0 OOM kills',
    });
  });

  it('explains negated failures', () => {
    const check = compileCheck({
      id: 'not-experimental',
      title: 'Not experimental',
      rule: {
        not: {
          fact: 'catalog.spec.lifecycle',
          operator: 'equal',
          value: 'experimental',
        },
      },
    });
    expect(check.evaluate(facts).message).toBe(
      'catalog.spec.lifecycle is "experimental", expected not equal "experimental"',
    );
  });

  it('applies its filter', () => {
    const check = compileCheck({
      ...oomCheck,
      appliesTo: { kind: 'component' },
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
    };
    expect(check.appliesTo(entity)).toBe(true);
    expect(check.appliesTo({ ...entity, kind: 'API' })).toBe(false);
    expect(compileCheck(oomCheck).appliesTo({ ...entity, kind: 'API' })).toBe(
      true,
    );
  });

  it('applies only when its appliesWhen rule passes on the facts', () => {
    const check = compileCheck({
      ...oomCheck,
      appliesWhen: {
        fact: 'kubernetes.found',
        operator: 'equal',
        value: true,
      },
    });
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
    };
    const found = { ...facts, kubernetes: { found: true, oomKills24h: 1 } };
    expect(check.appliesTo(entity, found)).toBe(true);
    expect(
      check.appliesTo(entity, { ...facts, kubernetes: { found: false } }),
    ).toBe(false);
    // A missing fact cannot show that the check applies.
    expect(check.appliesTo(entity, { catalog: facts.catalog })).toBe(false);
    expect(check.problems).toEqual([]);
    // The entity filter still has its say.
    expect(
      compileCheck({
        ...oomCheck,
        appliesTo: { kind: 'api' },
        appliesWhen: {
          fact: 'kubernetes.found',
          operator: 'equal',
          value: true,
        },
      }).appliesTo(entity, found),
    ).toBe(false);
  });

  it('knows when it becomes effective', () => {
    let now = new Date('2025-05-31T23:59:59Z');
    const check = compileCheck(
      { ...oomCheck, effectiveFrom: '2025-06-01' },
      { now: () => now },
    );
    expect(check.isEffective()).toBe(false);
    now = new Date('2025-06-01T00:00:00Z');
    expect(check.isEffective()).toBe(true);
    expect(compileCheck(oomCheck).isEffective()).toBe(true);
    const bad = compileCheck({ ...oomCheck, effectiveFrom: 'someday' });
    expect(bad.isEffective()).toBe(true);
    expect(bad.problems).toEqual([
      'invalid effectiveFrom "someday"; the check counts now',
    ]);
  });

  it('collects compile problems and evaluates them as errors', () => {
    const check = compileCheck({
      ...oomCheck,
      rule: { fact: 'catalog.metadata.name', operator: 'matches', value: '[' },
    });
    expect(check.problems).toHaveLength(1);
    expect(check.evaluate(facts)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /^invalid rule at the root: invalid regular expression "\[": /,
      ),
    });
  });

  it('never throws', () => {
    const check = compileCheck(oomCheck);
    const hostile = {
      get kubernetes(): never {
        throw new Error('boom');
      },
    } as unknown as EntityFacts;
    expect(check.evaluate(hostile)).toEqual({
      status: 'error',
      message: 'evaluating check few-oom-kills failed: boom',
    });
    const broken = compileCheck({
      ...oomCheck,
      appliesTo: { kind: 5 as unknown as string },
    });
    expect(
      broken.appliesTo({
        apiVersion: 'v1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });
});

describe('messages', () => {
  it('formats values as short JSON', () => {
    expect(formatValue('5')).toBe('"5"');
    expect(formatValue(5)).toBe('5');
    expect(formatValue(undefined)).toBe('missing');
    expect(formatValue('x'.repeat(200))).toHaveLength(80);
  });

  it('describes exists failures in words', () => {
    const failing = {
      path: '',
      fact: 'scm.files.README.md',
      operator: 'exists',
    };
    expect(describeFailure({ ...failing, expected: true }, false)).toBe(
      'scm.files.README.md is missing, expected it to exist',
    );
    expect(describeFailure({ ...failing, actual: 'x' }, true)).toBe(
      'scm.files.README.md is "x", expected it to be absent',
    );
    expect(
      describeFailure({ ...failing, expected: false, actual: 1 }, false),
    ).toBe('scm.files.README.md is 1, expected it to be absent');
  });

  it('keeps text that is not a placeholder', () => {
    const template = compileTemplate(
      '{{not a ref}} {{Bad.ref}} {{catalog.metadata.name}}!',
    );
    expect(template.constant).toBe(false);
    expect(template.render(facts)).toBe(
      '{{not a ref}} {{Bad.ref}} payments-api!',
    );
    expect(compileTemplate('plain {{x}}').constant).toBe(true);
    expect(compileTemplate('plain {{x}}').render({})).toBe('plain {{x}}');
  });
});
