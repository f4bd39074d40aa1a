import type { JsonObject, JsonValue } from '@backstage/types';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';
import type { FactTimeRules } from '../../facts/push/PushedFactSource';

const DAY_MS = 86_400_000;

/** A JSON object (not an array, not null). */
export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(root: JsonObject, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const part of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Copies the objects along `path` (never mutating stored facts) and sets or deletes its leaf. */
function put(
  root: JsonObject,
  path: string,
  value: JsonValue | undefined,
): JsonObject {
  const [head, ...rest] = path.split('.');
  const copy = { ...root };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  if (!isObject(child)) {
    if (value === undefined) return root;
    copy[head] = put({}, rest.join('.'), value);
  } else {
    copy[head] = put(child, rest.join('.'), value);
  }
  return copy;
}

/** Whole days from an ISO timestamp to `now`, or undefined when it is not a timestamp. */
export function daysSince(
  value: JsonValue | undefined,
  now: Date,
): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

/**
 * Applies time rules to one source's stored facts at `now`: paths whose facts are older than their max
 * age disappear first (so a stale timestamp derives nothing), then each derived fact is computed from its
 * timestamp. `observedAt` is when the source last reported them; unknown means fresh.
 */
export function applyTimeRules(
  facts: JsonObject,
  rules: FactTimeRules,
  observedAt: Date | undefined,
  now: Date,
): JsonObject {
  let result = facts;
  if (observedAt) {
    const age = now.getTime() - observedAt.getTime();
    for (const rule of rules.maxAge) {
      if (age > rule.maxAgeMs) result = put(result, rule.path, undefined);
    }
  }
  for (const rule of rules.derived) {
    result = put(
      result,
      rule.path,
      daysSince(get(result, rule.daysSince), now),
    );
  }
  return result;
}

/** Applies every source's rules to the facts of many entities (a new map; stored facts are untouched). */
export function applyTimeRulesToEntities(
  factsByEntity: Map<string, EntityFacts>,
  rules: FactTimeRules[],
  observedAt: Map<string, Map<string, Date>>,
  now: Date,
): Map<string, EntityFacts> {
  const result = new Map<string, EntityFacts>();
  for (const [entityRef, facts] of factsByEntity) {
    let next = facts;
    for (const rule of rules) {
      const own = facts[rule.source];
      if (!own) continue;
      next = {
        ...next,
        [rule.source]: applyTimeRules(
          own,
          rule,
          observedAt.get(entityRef)?.get(rule.source),
          now,
        ),
      };
    }
    result.set(entityRef, next);
  }
  return result;
}
