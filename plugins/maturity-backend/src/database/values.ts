import { createHash } from 'node:crypto';

/**
 * Turns a timestamp column value into an ISO string. PostgreSQL returns a Date; SQLite returns what was
 * bound (epoch milliseconds, since the stores always bind Dates) or, for values written by SQL
 * defaults, a 'YYYY-MM-DD HH:MM:SS' string in UTC.
 */
export function toIsoTimestamp(value: unknown): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) {
      return new Date(Number(value)).toISOString();
    }
    // SQLite's CURRENT_TIMESTAMP has no zone marker but is UTC.
    const sqliteUtc = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;
    const date = new Date(
      sqliteUtc.test(value) ? `${value.replace(' ', 'T')}Z` : value,
    );
    if (!Number.isNaN(date.getTime())) {
      return date.toISOString();
    }
  }
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

/** Turns a count or bigint column value (a string on PostgreSQL) into a number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/**
 * JSON with object keys sorted at every depth, so equal content always gives equal text (and hash)
 * whatever order a source built its objects in. Like JSON.stringify it drops undefined properties.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) {
        // defineProperty, not assignment: a `__proto__` key must stay data, not replace the prototype.
        Object.defineProperty(sorted, key, {
          value: sortKeys(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return sorted;
  }
  return value;
}

/** sha256 hex of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses a JSON text column written by these stores (so its shape is known to the caller). */
export function parseJson<T>(text: unknown): T {
  return JSON.parse(String(text)) as T;
}
