import type { JsonObject, JsonValue } from '@backstage/types';
import type {
  EntityFacts,
  Rule,
  RuleCondition,
  RuleOperator,
} from '@ratchet/backstage-plugin-maturity-common';
import semver from 'semver';
import { compileRule, RuleVerdict } from './compileRule';

/*
 * The compiled evaluator against a deliberately naive reference interpreter: no precomputation, string
 * joins and regex construction on every call, equality through canonical JSON, path resolution by
 * enumerating every way to group the segments into keys. Both must agree on status, deciding path,
 * negation, actual value and the kind of error for a few hundred random rules and fact objects.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

// ---- reference interpreter -------------------------------------------------------------------------

/** Every grouping of segments into keys, longest first part first (the documented preference order). */
function groupings(segments: string[]): string[][] {
  if (segments.length === 0) return [[]];
  const result: string[][] = [];
  for (let take = segments.length; take >= 1; take--) {
    const head = segments.slice(0, take).join('.');
    for (const rest of groupings(segments.slice(take)))
      result.push([head, ...rest]);
  }
  return result;
}

function naiveResolve(facts: EntityFacts, ref: string): JsonValue | undefined {
  const dot = ref.indexOf('.');
  const root: JsonValue | undefined = facts[ref.slice(0, dot)];
  for (const keys of groupings(ref.slice(dot + 1).split('.'))) {
    let value: JsonValue | undefined = root;
    for (const key of keys) {
      if (value === undefined || value === null || typeof value !== 'object') {
        value = undefined;
      } else if (Array.isArray(value)) {
        if (key === 'length') value = value.length;
        else
          value = /^(0|[1-9]\d*)$/.test(key) ? value[Number(key)] : undefined;
      } else {
        value = Object.hasOwn(value, key) ? value[key] : undefined;
      }
    }
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function canonical(value: JsonValue | undefined): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter(k => value[k] !== undefined)
      .sort();
    return `{${keys
      .map(k => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
const same = (a: JsonValue | undefined, b: JsonValue | undefined) =>
  canonical(a) === canonical(b);

type Kind = 'pass' | 'fail' | 'missing' | 'type' | 'version';

function naiveTest(
  op: RuleOperator,
  expected: JsonValue | undefined,
  actual: JsonValue | undefined,
): Kind {
  const ok = (b: boolean): Kind => (b ? 'pass' : 'fail');
  if (op === 'exists')
    return ok((actual !== undefined) === (expected !== false));
  if (actual === undefined) return 'missing';
  switch (op) {
    case 'equal':
      return ok(same(actual, expected));
    case 'notEqual':
      return ok(!same(actual, expected));
    case 'in':
      return ok((expected as JsonValue[]).some(v => same(v, actual)));
    case 'contains':
      if (Array.isArray(actual)) return ok(actual.some(v => same(v, expected)));
      if (typeof actual === 'string' && typeof expected === 'string')
        return ok(actual.indexOf(expected) >= 0);
      return 'type';
    case 'matches':
      return typeof actual === 'string'
        ? ok(new RegExp(expected as string).test(actual))
        : 'type';
    case 'semverSatisfies': {
      if (typeof actual !== 'string') return 'type';
      const partial = /^v?(\d+)(?:\.(\d+))?$/.exec(actual);
      const version =
        semver.valid(actual) ??
        (partial ? `${partial[1]}.${partial[2] ?? 0}.0` : null);
      if (version === null) return 'version';
      return ok(
        semver.satisfies(version, expected as string, {
          includePrerelease: true,
        }),
      );
    }
    default: {
      if (typeof actual !== 'number') return 'type';
      const v = expected as number;
      if (op === 'lessThan') return ok(actual < v);
      if (op === 'lessThanInclusive') return ok(actual <= v);
      if (op === 'greaterThan') return ok(actual > v);
      return ok(actual >= v);
    }
  }
}

/** A status with its witness: the condition that decided it (for pass: what a `not` would blame). */
interface Ref {
  kind: Kind;
  path: string;
  negated: boolean;
  actual: JsonValue | undefined;
}

function naiveEvaluate(rule: Rule, facts: EntityFacts, path: string): Ref {
  const at = (segment: string) => (path ? `${path}.${segment}` : segment);
  if ('all' in rule) {
    const results = rule.all.map((r, i) =>
      naiveEvaluate(r, facts, `${at('all')}[${i}]`),
    );
    return (
      results.find(r => r.kind === 'fail') ??
      results.find(r => r.kind !== 'pass') ??
      results[0]
    );
  }
  if ('any' in rule) {
    const results = rule.any.map((r, i) =>
      naiveEvaluate(r, facts, `${at('any')}[${i}]`),
    );
    return (
      results.find(r => r.kind === 'pass') ??
      results.find(r => r.kind !== 'fail') ??
      results[0]
    );
  }
  if ('not' in rule) {
    const inner = naiveEvaluate(rule.not, facts, at('not'));
    if (inner.kind === 'pass') return { ...inner, kind: 'fail' };
    if (inner.kind === 'fail') return { ...inner, kind: 'pass' };
    return inner;
  }
  const actual = naiveResolve(facts, rule.fact);
  const kind = naiveTest(rule.operator, rule.value, actual);
  return { kind, path, negated: kind === 'pass', actual };
}

// ---- generators --------------------------------------------------------------------------------------

const STRINGS = [
  'prod',
  'production',
  'x',
  'ab',
  '1.2.3',
  'v2.0.0-rc.1',
  '3.12',
  'banana',
  '',
];
const KEYS = ['a', 'b', 'a.b', 'n', 's', 'list', 'obj', 'v'];
const REFS = [
  'pushed.a',
  'pushed.b',
  'pushed.a.b',
  'pushed.a.b.n',
  'pushed.n',
  'pushed.s',
  'pushed.v',
  'pushed.list',
  'pushed.list.0',
  'pushed.list.1',
  'pushed.list.length',
  'pushed.obj.a',
  'pushed.obj.a.b',
  'pushed.obj.list.length',
  'scm.n',
  'scm.a.b',
  'scm.s',
  'kube.n',
];
const OPERATORS: RuleOperator[] = [
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
const PATTERNS = ['^p', 'o', '^[a-z]+$', '\\d', '^$'];
const RANGES = ['>=1.0.0', '^2', '<3.11', '>=1.2.0 <2', '*'];

function primitive(random: Random): JsonValue {
  const r = random();
  if (r < 0.4) return pick(random, STRINGS);
  if (r < 0.75) return Math.floor(random() * 7) - 1;
  if (r < 0.9) return random() < 0.5;
  return null;
}

function randomValue(random: Random, depth: number): JsonValue {
  const r = random();
  if (depth <= 0 || r < 0.55) return primitive(random);
  if (r < 0.75)
    return Array.from({ length: Math.floor(random() * 4) }, () =>
      randomValue(random, depth - 1),
    );
  return randomObject(random, depth - 1);
}

function randomObject(random: Random, depth: number): JsonObject {
  const result: JsonObject = {};
  for (const key of KEYS)
    if (random() < 0.45) result[key] = randomValue(random, depth);
  return result;
}

function randomFacts(random: Random): EntityFacts {
  const result: EntityFacts = { pushed: randomObject(random, 3) };
  if (random() < 0.4) {
    // Both a dotted key and the nested path it shadows, so that backtracking is exercised.
    result.pushed['a.b'] = randomObject(random, 1);
    result.pushed.a = { b: randomObject(random, 1) };
  }
  if (random() < 0.7) result.scm = randomObject(random, 2);
  return result;
}

function randomCondition(random: Random): RuleCondition {
  const fact = pick(random, REFS);
  const operator = pick(random, OPERATORS);
  switch (operator) {
    case 'in':
      return {
        fact,
        operator,
        value: Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          randomValue(random, 1),
        ),
      };
    case 'matches':
      return { fact, operator, value: pick(random, PATTERNS) };
    case 'semverSatisfies':
      return { fact, operator, value: pick(random, RANGES) };
    case 'exists':
      return random() < 0.3
        ? { fact, operator }
        : { fact, operator, value: random() < 0.5 };
    case 'equal':
    case 'notEqual':
    case 'contains':
      return { fact, operator, value: randomValue(random, 1) };
    default:
      return { fact, operator, value: Math.floor(random() * 7) - 1 };
  }
}

function randomRule(random: Random, depth: number): Rule {
  const r = random();
  if (depth <= 0 || r < 0.4) return randomCondition(random);
  const children = () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      randomRule(random, depth - 1),
    );
  if (r < 0.65) return { all: children() };
  if (r < 0.9) return { any: children() };
  return { not: randomRule(random, depth - 1) };
}

function errorKind(reason: string): Kind {
  if (reason.startsWith('missing fact')) return 'missing';
  if (reason.startsWith('invalid version')) return 'version';
  return reason.startsWith('wrong type') ? 'type' : 'pass';
}

/** What both sides are compared on: a pass is just a pass; otherwise the deciding condition too. */
interface Observed {
  kind: Kind;
  path?: string;
  actual?: JsonValue;
  negated?: boolean;
}

function observeCompiled(verdict: RuleVerdict): Observed {
  if (verdict.status === 'pass') return { kind: 'pass' };
  const { path, actual } = verdict.failing;
  return verdict.status === 'fail'
    ? {
        kind: 'fail',
        path,
        actual: actual as JsonValue,
        negated: verdict.negated,
      }
    : { kind: errorKind(verdict.reason), path, actual: actual as JsonValue };
}

function observeReference(ref: Ref): Observed {
  if (ref.kind === 'pass') return { kind: 'pass' };
  const { kind, path, actual } = ref;
  return kind === 'fail'
    ? { kind, path, actual, negated: ref.negated }
    : { kind, path, actual };
}

describe('compileRule agrees with a naive interpreter', () => {
  it('on random rules and facts', () => {
    const random = mulberry32(20250601);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const tree = randomRule(random, 4);
      const compiled = compileRule(tree);
      for (let j = 0; j < 6; j++) {
        const input = randomFacts(random);
        const expected = naiveEvaluate(tree, input, '');
        const verdict = compiled(input);
        // The context names the rule and facts when they disagree.
        const context = JSON.stringify({ tree, input });
        expect({ ...observeCompiled(verdict), context }).toEqual({
          ...observeReference(expected),
          context,
        });
        seen.add(expected.kind);
      }
    }
    // The generators reach every outcome, or the comparison proves less than it claims.
    expect([...seen].sort()).toEqual([
      'fail',
      'missing',
      'pass',
      'type',
      'version',
    ]);
  });
});
