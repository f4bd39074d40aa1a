import type { JsonObject, JsonValue } from '@backstage/types';
import type { DefinitionProblem } from '../schema/openapi';
import { parseFactRef } from './factRef';
import type { CheckBase, Rule } from './shared';

/** Every fact reference a check reads: its rule and its `appliesWhen`, each once, in order. */
export function factRefsOfCheck(
  check: Pick<CheckBase, 'rule' | 'appliesWhen'>,
): string[] {
  const refs = new Set<string>();
  const walk = (rule: Rule | undefined) => {
    if (!rule || typeof rule !== 'object') return;
    if ('all' in rule && Array.isArray(rule.all)) rule.all.forEach(walk);
    else if ('any' in rule && Array.isArray(rule.any)) rule.any.forEach(walk);
    else if ('not' in rule) walk(rule.not);
    else if ('fact' in rule && typeof rule.fact === 'string') {
      refs.add(rule.fact);
    }
  };
  walk(check.rule);
  walk(check.appliesWhen);
  return [...refs];
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a JSON Schema (draft-07) declares the dotted `path` inside it. Keys may contain dots
 * (`files.README.md.exists`), so each run of segments is tried as a key, longest first, as facts resolve.
 * An object schema that lists `properties` declares those keys only (plus `patternProperties` and an
 * `additionalProperties` schema or `true`, which take any key — dotted ones too, so `files.a.b` is
 * declared by `files: { additionalProperties: … }` as the file `a.b`); one that lists nothing (`{ type: object }`) declares anything
 * below it, as does a `$ref` this function does not follow. Arrays declare `length` and numeric indexes.
 */
export function schemaDeclaresPath(schema: JsonValue, path: string): boolean {
  return declares(schema, path.split('.'), 0);
}

function declares(schema: JsonValue, segments: string[], i: number): boolean {
  if (i === segments.length) return true;
  if (schema === false) return false;
  if (!isObject(schema) || typeof schema.$ref === 'string') return true;
  let branched = false;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) branched = true;
    if (
      Array.isArray(branches) &&
      branches.some(b => declares(b, segments, i))
    ) {
      return true;
    }
  }
  const type = schema.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('array') || schema.items !== undefined) {
    if (segments[i] === 'length') return i + 1 === segments.length;
    if (/^\d+$/.test(segments[i])) {
      const items = Array.isArray(schema.items) ? true : schema.items ?? true;
      return declares(items, segments, i + 1);
    }
    if (!types.includes('object')) return false;
  }
  const properties = isObject(schema.properties)
    ? schema.properties
    : undefined;
  const patterns = isObject(schema.patternProperties)
    ? schema.patternProperties
    : undefined;
  const additional = schema.additionalProperties;
  if (!properties && !patterns && additional === undefined) {
    // Branches that all said no decide it; a schema that lists nothing at all is open.
    if (branched) return false;
    // Nothing listed: an open object — or a scalar, which has no path below it.
    const scalar = types.some(
      t =>
        t === 'string' || t === 'number' || t === 'integer' || t === 'boolean',
    );
    return !scalar || types.includes('object');
  }
  for (let end = segments.length; end > i; end--) {
    const key = segments.slice(i, end).join('.');
    if (properties && Object.prototype.hasOwnProperty.call(properties, key)) {
      if (declares(properties[key] ?? true, segments, end)) return true;
    }
    for (const [pattern, sub] of Object.entries(patterns ?? {})) {
      if (safeTest(pattern, key) && declares(sub ?? true, segments, end)) {
        return true;
      }
    }
    if (additional !== undefined && additional !== false) {
      if (declares(additional, segments, end)) return true;
    }
  }
  return false;
}

function safeTest(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}

/** A check as definition health reads it. */
export interface HealthCheck {
  /** The check id in its definition. */
  id: string;
  /** The check. */
  check: Pick<CheckBase, 'rule' | 'appliesWhen'>;
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * Definition health of a Scorecard's or Campaign's checks, once per problem over all its checks: a source
 * no installed module provides ("3 checks read `scm`, which is not installed") and a fact path the source's
 * schema does not declare. `sources` maps the installed source ids to their schemas; with `onlyKnown` a
 * source missing from it is unknown rather than not installed (the catalog processor knows only some).
 */
export function definitionHealth(
  checks: HealthCheck[],
  sources: ReadonlyMap<string, JsonValue>,
  options: { onlyKnown?: boolean } = {},
): DefinitionProblem[] {
  const missing = new Map<string, string[]>();
  const undeclared = new Map<string, { source: string; checkIds: string[] }>();
  const add = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id);
  };
  for (const { id, check } of checks) {
    for (const ref of factRefsOfCheck(check)) {
      const parsed = parseFactRef(ref);
      // A malformed reference is the catalog processor's error, and the check's compile problem.
      if (!parsed) continue;
      if (!sources.has(parsed.source)) {
        if (options.onlyKnown) continue;
        const ids = missing.get(parsed.source) ?? [];
        add(ids, id);
        missing.set(parsed.source, ids);
        continue;
      }
      if (schemaDeclaresPath(sources.get(parsed.source)!, parsed.path))
        continue;
      const entry = undeclared.get(ref) ?? {
        source: parsed.source,
        checkIds: [],
      };
      add(entry.checkIds, id);
      undeclared.set(ref, entry);
    }
  }
  const problems: DefinitionProblem[] = [];
  for (const [source, checkIds] of missing) {
    problems.push({
      kind: 'sourceNotInstalled',
      source,
      checkIds,
      message: `${plural(
        checkIds.length,
        'check reads',
        'checks read',
      )} \`${source}\`, which is not installed`,
    });
  }
  for (const [fact, { source, checkIds }] of undeclared) {
    problems.push({
      kind: 'factNotDeclared',
      source,
      fact,
      checkIds,
      message: `${plural(
        checkIds.length,
        'check reads',
        'checks read',
      )} \`${fact}\`, which source \`${source}\` does not declare`,
    });
  }
  return problems;
}
