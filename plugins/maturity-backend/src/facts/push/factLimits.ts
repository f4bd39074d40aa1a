/** Limits every pushed facts object obeys, whatever its source's schema says. */
export const FACT_LIMITS = {
  /** Objects and arrays nested inside `facts` (the facts object itself is depth 1). */
  maxDepth: 8,
  /** Characters of any string value or key. */
  maxStringLength: 10_000,
  /** Entries of any one object or array. */
  maxEntries: 10_000,
} as const;

/**
 * Keys that could reach an object's prototype when facts are copied by assignment (as canonical JSON
 * does), so a push could change how all facts are read. JSON.parse makes them own properties; they are
 * refused rather than relied on being harmless.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key to a readable path: `a.b`, `a[3]`, `a["odd key"]`. */
export function pathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(
    key.length > 40 ? `${key.slice(0, 40)}…` : key,
  )}]`;
}

/** A JSON Pointer (`/items/3/facts/a b`) as a readable path under `base`. */
export function pointerToPath(base: string, pointer: string): string {
  if (!pointer) return base;
  return pointer
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>(
      (path, part) =>
        pathJoin(path, /^(0|[1-9]\d*)$/.test(part) ? Number(part) : part),
      base,
    );
}

/**
 * Walks a facts value once and reports every place that breaks the limits, as `path: problem`. Stops
 * descending below the depth limit (the rest is unreachable anyway), so a 10,000-deep object costs 9
 * levels of work.
 */
export function checkFactLimits(value: unknown, path: string): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, at: string, depth: number) => {
    if (typeof node === 'string') {
      if (node.length > FACT_LIMITS.maxStringLength) {
        problems.push(
          `${at}: string longer than ${FACT_LIMITS.maxStringLength} characters`,
        );
      }
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (depth > FACT_LIMITS.maxDepth) {
      problems.push(`${at}: nested deeper than ${FACT_LIMITS.maxDepth} levels`);
      return;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.keys(node).map(key => [
          key,
          (node as Record<string, unknown>)[key],
        ]);
    if (entries.length > FACT_LIMITS.maxEntries) {
      problems.push(`${at}: more than ${FACT_LIMITS.maxEntries} entries`);
      return;
    }
    for (const [key, item] of entries) {
      if (typeof key === 'string') {
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push(`${pathJoin(at, key)}: key '${key}' is not allowed`);
          continue;
        }
        if (key.length > FACT_LIMITS.maxStringLength) {
          problems.push(
            `${at}: key longer than ${FACT_LIMITS.maxStringLength} characters`,
          );
          continue;
        }
      }
      walk(item, pathJoin(at, key), depth + 1);
    }
  };
  walk(value, path, 1);
  return problems;
}
