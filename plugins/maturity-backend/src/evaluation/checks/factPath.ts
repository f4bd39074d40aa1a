import type { JsonObject, JsonValue } from '@backstage/types';
import { parseFactRef } from '@ratchet/backstage-plugin-maturity-common';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';

/** A fact reference compiled once into a resolver over an entity's facts. */
export interface CompiledFactPath {
  /** The reference as written, e.g. `scm.files.pyproject.toml.exists`. */
  readonly ref: string;
  /** The fact source id, e.g. `scm`. */
  readonly source: string;
  /** The dot-separated segments of the path inside the source. */
  readonly segments: readonly string[];
  /** The fact's value, or undefined when it is missing (absent or null). */
  resolve(facts: EntityFacts): JsonValue | undefined;
  /** Why the fact is missing, e.g. `missing fact kubernetes.x (source kubernetes has no value)`. */
  describeMissing(facts: EntityFacts): string;
}

/** One way to consume segments `[i, end)` at an object: the key they form when joined by dots. */
interface KeyCandidate {
  readonly key: string;
  readonly end: number;
  /** The key also names something on Object.prototype (`constructor`…), so presence needs an own-key check. */
  readonly guarded: boolean;
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;
const hasOwn = Object.prototype.hasOwnProperty;

function isPrototypeKey(key: string): boolean {
  return key in Object.prototype;
}

/**
 * Compiles `<source>.<path>` into a resolver; undefined when the reference is malformed.
 *
 * Keys may contain dots (`pyproject.toml`, `backstage.io/techdocs-ref`), so at each object the resolver tries
 * the longest run of remaining segments that is an own key first, then shorter runs, and backtracks if a
 * longer key leads nowhere. Every candidate key is joined here, once; resolving allocates nothing.
 */
export function compileFactPath(ref: string): CompiledFactPath | undefined {
  const parsed = parseFactRef(ref);
  if (!parsed) return undefined;
  const source = parsed.source;
  const segments = parsed.path.split('.');
  const n = segments.length;

  const candidates: KeyCandidate[][] = [];
  for (let i = 0; i < n; i++) {
    const list: KeyCandidate[] = [];
    for (let end = n; end > i; end--) {
      const key = segments.slice(i, end).join('.');
      list.push({ key, end, guarded: isPrototypeKey(key) });
    }
    candidates.push(list);
  }
  const indexes = segments.map(s => (ARRAY_INDEX.test(s) ? Number(s) : -1));
  const isLength = segments.map(s => s === 'length');

  const walk = (value: JsonValue, i: number): JsonValue | undefined => {
    if (i === n) return value;
    if (typeof value !== 'object' || value === null) return undefined;
    if (Array.isArray(value)) {
      if (isLength[i]) return walk(value.length, i + 1);
      const index = indexes[i];
      if (index < 0 || index >= value.length) return undefined;
      const item = value[index];
      return item === null || item === undefined
        ? undefined
        : walk(item, i + 1);
    }
    const object: JsonObject = value;
    const list = candidates[i];
    for (let c = 0; c < list.length; c++) {
      const candidate = list[c];
      const next = object[candidate.key];
      if (next === undefined || next === null) continue;
      if (candidate.guarded && !hasOwn.call(object, candidate.key)) continue;
      const found = walk(next, candidate.end);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  return {
    ref,
    source,
    segments,
    resolve(facts: EntityFacts): JsonValue | undefined {
      const root = facts[source];
      if (root === undefined || root === null || typeof root !== 'object') {
        return undefined;
      }
      return walk(root, 0);
    },
    describeMissing(facts: EntityFacts): string {
      const root = facts[source];
      return root === undefined || root === null
        ? `missing fact ${ref} (source ${source} reported no facts for this entity)`
        : `missing fact ${ref} (source ${source} has no value)`;
    },
  };
}
