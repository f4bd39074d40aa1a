import { Knex } from 'knex';

/** Most values a `whereIn` list gets per statement; keeps statements small and plans stable. */
export const WHERE_IN_CHUNK = 900;

/** Splits a list into consecutive chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += n) {
    chunks.push(items.slice(i, i + n));
  }
  return chunks;
}

function dialectOf(knex: Knex): string {
  return String(knex.client.dialect ?? knex.client.config.client);
}

/** Whether the client talks to SQLite (sqlite3 or better-sqlite3). */
export function isSqlite(knex: Knex): boolean {
  return dialectOf(knex).includes('sqlite');
}

/** Whether the client talks to PostgreSQL. */
export function isPostgres(knex: Knex): boolean {
  const dialect = dialectOf(knex);
  return dialect.startsWith('postgres') || dialect === 'pg';
}

const limits = new WeakMap<Knex, Promise<number>>();

/**
 * The most bind parameters one statement may carry on this engine: PostgreSQL's protocol allows 65535;
 * SQLite allows 32766 since 3.32 and only 999 before, so its version is asked once per client.
 */
export function maxBindings(knex: Knex): Promise<number> {
  let limit = limits.get(knex);
  if (!limit) {
    limit = detectMaxBindings(knex);
    limits.set(knex, limit);
  }
  return limit;
}

async function detectMaxBindings(knex: Knex): Promise<number> {
  if (isPostgres(knex)) {
    return 65535;
  }
  if (isSqlite(knex)) {
    const rows: Array<{ v: string }> = await knex.raw(
      'select sqlite_version() as v',
    );
    const [major, minor] = (rows[0]?.v ?? '0.0').split('.').map(Number);
    return major > 3 || (major === 3 && minor >= 32) ? 32766 : 999;
  }
  return 999;
}

/** How many values a `whereIn` may carry when `reserved` other bindings share the statement. */
export function whereInSize(bindingLimit: number, reserved = 0): number {
  return Math.max(1, Math.min(WHERE_IN_CHUNK, bindingLimit - reserved));
}

/**
 * Adds `column IN (values)` with any number of values as ONE binding (a PostgreSQL array, a JSON array
 * read by SQLite's json_each), for queries that cannot be chunked because they sort and paginate.
 */
export function whereInAny(
  knex: Knex,
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
): Knex.QueryBuilder {
  if (values.length <= WHERE_IN_CHUNK) {
    return query.whereIn(column, values);
  }
  if (isPostgres(knex)) {
    return query.whereRaw('?? = any(?::text[])', [column, [...values]]);
  }
  if (isSqlite(knex)) {
    return query.whereRaw('?? in (select value from json_each(?))', [
      column,
      JSON.stringify(values),
    ]);
  }
  return query.whereIn(column, values);
}

/** Distinct values of a list, in first-seen order. */
export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}
