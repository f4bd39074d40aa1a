/*
 * Ratchet's checks as Tech Insights jsonfc checks (TechInsightJsonRuleCheck): rules, appliesTo filters and
 * the custom operators they need. What cannot be said the same way is translated to the closest equivalent
 * and listed in TRANSLATION_NOTES, so that the comparison is honest about it. The facts side (retrievers,
 * store) is techInsights.ts.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { TechInsightJsonRuleCheck } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type {
  CheckBase,
  EntityFilter,
  OneOrMany,
  Rule,
  RuleCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import {
  NestedCondition,
  Operator,
  TopLevelCondition,
} from 'json-rules-engine';
import { Range, SemVer, coerce, valid } from 'semver';
import type { GeneratedEntity } from './generate';

/** Where our translation is not word for word; printed with the comparison. */
export const TRANSLATION_NOTES: readonly string[] = [
  'facts: each Ratchet source becomes a fact retriever; nested facts are flattened to one named fact per leaf ' +
    '(`scm.files.README.md.exists`), arrays also get `<path>.length` — the Tech Insights idiom, and its fastest path (no JSONPath)',
  '`exists`: a retriever-computed boolean fact `<path>:exists` compared with `equal` (json-rules-engine skips rules whose facts are missing)',
  '`matches` / `semverSatisfies`: custom json-rules-engine operators (regex compiled once per pattern; semver.satisfies with includePrerelease)',
  '`not`: pushed down to the leaves by De Morgan (not(any) → all of negated leaves; equal → notEqual, lessThan → greaterThanInclusive, in → notIn, contains → doesNotContain, matches → notMatches), since jsonfc only validates all/any roots',
  '`appliesTo`: the check `filter` (kind, spec.type, spec.lifecycle, metadata.tags, spec.owner with both the bare name and the full ref); ' +
    '`not: { lifecycle }` becomes the complement over the lifecycles present in the data; `annotations: { key: "*" }` cannot be a filter and becomes an extra `all` condition on `<annotation>:exists`',
];

/** Every condition of a rule tree. */
function conditionsOf(rule: Rule): RuleCondition[] {
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  if ('not' in rule) return conditionsOf(rule.not);
  return [rule];
}

/** The source (retriever id) of a fact ref: its first segment. */
export function sourceOf(factRef: string): string {
  return factRef.slice(0, factRef.indexOf('.'));
}

/** Suffix of the boolean facts the retrievers compute for `exists` (see TRANSLATION_NOTES). */
export const EXISTS_SUFFIX = ':exists';

/** Fact refs whose presence the checks test (exists conditions, annotation filters with "*"). */
export function existsRefs(checks: CheckBase[]): string[] {
  const refs = new Set<string>();
  for (const check of checks) {
    for (const c of conditionsOf(check.rule))
      if (c.operator === 'exists') refs.add(c.fact);
    for (const [key, value] of Object.entries(
      check.appliesTo?.annotations ?? {},
    )) {
      if (value === '*') refs.add(`catalog.metadata.annotations.${key}`);
    }
  }
  return [...refs];
}

const NEGATED: Record<string, string> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  greaterThanInclusive: 'lessThan',
  in: 'notIn',
  contains: 'doesNotContain',
  matches: 'notMatches',
  semverSatisfies: 'notSemverSatisfies',
};

type JreCondition = NestedCondition;

function translateCondition(c: RuleCondition, negate: boolean): JreCondition {
  if (c.operator === 'exists') {
    const wanted = c.value === undefined ? true : Boolean(c.value);
    return {
      fact: `${c.fact}${EXISTS_SUFFIX}`,
      operator: 'equal',
      value: negate ? !wanted : wanted,
    };
  }
  return {
    fact: c.fact,
    operator: negate ? NEGATED[c.operator] : c.operator,
    value: c.value ?? null,
  };
}

/** A Ratchet rule as json-rules-engine conditions, with `not` pushed down to the leaves. */
function translateRule(rule: Rule, negate: boolean): JreCondition {
  if ('all' in rule) {
    const children = rule.all.map(r => translateRule(r, negate));
    return negate ? { any: children } : { all: children };
  }
  if ('any' in rule) {
    const children = rule.any.map(r => translateRule(r, negate));
    return negate ? { all: children } : { any: children };
  }
  if ('not' in rule) return translateRule(rule.not, !negate);
  return translateCondition(rule, negate);
}

function oneOrMany(value: OneOrMany<string>): string[] {
  return Array.isArray(value) ? value : [value];
}

/** Owner filter values in both forms the catalog holds them (`payments`, `group:default/payments`). */
function ownerForms(values: OneOrMany<string>): string[] {
  return oneOrMany(values).flatMap(value => {
    if (!/[:/]/.test(value)) return [value, `group:default/${value}`];
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.namespace === 'default' ? [value, ref.name] : [value];
  });
}

type JsonfcFilter = Record<string, string | string[]>;

/** An appliesTo filter as a jsonfc filter, plus conditions for what a filter cannot say. */
function translateFilter(
  filter: EntityFilter | undefined,
  lifecycles: readonly string[],
): { filter?: JsonfcFilter; extra: JreCondition[] } {
  if (!filter) return { extra: [] };
  const out: JsonfcFilter = {};
  const extra: JreCondition[] = [];
  if (filter.kind !== undefined) out.kind = oneOrMany(filter.kind);
  if (filter.type !== undefined) out['spec.type'] = oneOrMany(filter.type);
  if (filter.lifecycle !== undefined)
    out['spec.lifecycle'] = oneOrMany(filter.lifecycle);
  if (filter.tags !== undefined) out['metadata.tags'] = oneOrMany(filter.tags);
  if (filter.owner !== undefined) out['spec.owner'] = ownerForms(filter.owner);
  if (filter.system !== undefined)
    out['spec.system'] = oneOrMany(filter.system);
  for (const [key, value] of Object.entries(filter.annotations ?? {})) {
    if (value === '*') {
      extra.push({
        fact: `catalog.metadata.annotations.${key}${EXISTS_SUFFIX}`,
        operator: 'equal',
        value: true,
      });
    } else {
      out[`metadata.annotations["${key}"]`] = value;
    }
  }
  if (filter.not) {
    const excluded =
      filter.not.lifecycle === undefined
        ? []
        : oneOrMany(filter.not.lifecycle).map(l => l.toLowerCase());
    if (Object.keys(filter.not).some(k => k !== 'lifecycle')) {
      throw new Error(
        `appliesTo.not other than lifecycle has no jsonfc translation: ${JSON.stringify(
          filter.not,
        )}`,
      );
    }
    const allowed = lifecycles.filter(l => !excluded.includes(l.toLowerCase()));
    const current = out['spec.lifecycle'];
    out['spec.lifecycle'] = current
      ? oneOrMany(current).filter(l => allowed.includes(l))
      : [...allowed];
  }
  return { filter: Object.keys(out).length ? out : undefined, extra };
}

/** Every Ratchet check as a jsonfc check (rule, factIds, filter). */
export function translateChecks(
  checks: CheckBase[],
  entities: GeneratedEntity[],
): TechInsightJsonRuleCheck[] {
  const lifecycles = [
    ...new Set(
      entities
        .map(e => e.entity.spec?.lifecycle)
        .filter((l): l is string => typeof l === 'string'),
    ),
  ].sort();
  return checks.map(check => {
    const { filter, extra } = translateFilter(check.appliesTo, lifecycles);
    const translated = translateRule(check.rule, false);
    const body: JreCondition[] = [...extra, translated];
    // jsonfc wants an all/any root; a single condition is wrapped, an existing root kept as it is.
    const conditions: TopLevelCondition =
      body.length === 1 && ('all' in translated || 'any' in translated)
        ? (translated as TopLevelCondition)
        : { all: body };
    const factIds = [
      ...new Set([
        ...conditionsOf(check.rule).map(c => sourceOf(c.fact)),
        ...(extra.length ? ['catalog'] : []),
      ]),
    ];
    return {
      id: check.id,
      type: 'json-rules-engine',
      name: check.title,
      description: check.description ?? check.title,
      factIds,
      rule: { conditions },
      ...(filter ? { filter } : {}),
    };
  });
}

/** Reads a version as Ratchet does: strict semver first, then a coerced partial one (`3.12`). */
function version(value: string): SemVer | null {
  const strict = valid(value);
  return strict ? new SemVer(strict) : coerce(value);
}

/** The custom operators the translated checks use. */
export function customOperators(): Operator[] {
  const patterns = new Map<string, RegExp>();
  const regex = (pattern: string) => {
    let compiled = patterns.get(pattern);
    if (!compiled) {
      compiled = new RegExp(pattern);
      patterns.set(pattern, compiled);
    }
    return compiled;
  };
  const ranges = new Map<string, Range>();
  const satisfies = (value: string, range: string) => {
    let compiled = ranges.get(range);
    if (!compiled) {
      compiled = new Range(range, { includePrerelease: true });
      ranges.set(range, compiled);
    }
    const parsed = version(value);
    return parsed !== null && compiled.test(parsed);
  };
  const isString = (value: unknown) => typeof value === 'string';
  return [
    new Operator<string, string>(
      'matches',
      (a, b) => regex(b).test(a),
      isString,
    ),
    new Operator<string, string>(
      'notMatches',
      (a, b) => !regex(b).test(a),
      isString,
    ),
    new Operator<string, string>(
      'semverSatisfies',
      (a, b) => satisfies(a, b),
      isString,
    ),
    new Operator<string, string>(
      'notSemverSatisfies',
      (a, b) => !satisfies(a, b),
      isString,
    ),
  ];
}
