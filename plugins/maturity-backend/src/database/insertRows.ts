import { Knex } from 'knex';
import { chunk, isPostgres, isSqlite, maxBindings } from './bulk';

/** The SQL type a column is read as from the JSON row set. */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'timestamptz';

/** The columns an insert writes, with their types, in order. */
export type ColumnTypes = Readonly<Record<string, ColumnType>>;

/** A value to insert; Dates are stored the way knex binds them on each engine. */
export type RowValue = string | number | Date | null;

/** A row to insert: every column of the ColumnTypes, by name. */
export type InsertRow = Readonly<Record<string, RowValue>>;

/** Upsert behaviour of insertRows. */
export interface InsertOptions {
  /** Key columns: with them the insert becomes an upsert. */
  conflict?: readonly string[];
  /** Columns overwritten on conflict; defaults to every non-key column. */
  merge?: readonly string[];
}

// One statement carries at most this much: big enough to amortise round trips, small enough that a
// batch of large fact documents does not build a 100 MB string.
const MAX_ROWS_PER_STATEMENT = 5000;
const MAX_CHARS_PER_STATEMENT = 4_000_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quote(name: string): string {
  // Names come from our own constants; the check makes the interpolation below safe by construction.
  if (!IDENTIFIER.test(name)) {
    throw new Error(`Unexpected identifier '${name}'`);
  }
  return `"${name}"`;
}

function conflictClause(keys: readonly string[], updates: readonly string[]) {
  const target = keys.map(quote).join(', ');
  if (updates.length === 0) {
    return ` on conflict (${target}) do nothing`;
  }
  const set = updates.map(c => `${quote(c)} = excluded.${quote(c)}`);
  return ` on conflict (${target}) do update set ${set.join(', ')}`;
}

/**
 * Inserts (or upserts) rows in as few statements as possible, each carrying its rows as ONE JSON
 * parameter that the database unpacks (PostgreSQL json_to_recordset, SQLite json_each). This avoids
 * both engines' bind-parameter limits, SQLite's 500-term cap on knex's `UNION ALL` inserts and the
 * cost of compiling statements with tens of thousands of placeholders; on 500,000 result rows it
 * measured 1.5x (SQLite) to 2x (PostgreSQL) faster than knex's multi-row inserts. Run it inside the
 * caller's transaction for atomicity. Other engines fall back to knex's chunked multi-row insert.
 */
export async function insertRows(
  db: Knex,
  table: string,
  columns: ColumnTypes,
  rows: readonly InsertRow[],
  options: InsertOptions = {},
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const names = Object.keys(columns);
  const keys = options.conflict;
  const updates = keys
    ? options.merge ?? names.filter(name => !keys.includes(name))
    : [];
  const onConflict = keys ? conflictClause(keys, updates) : '';
  const target = `${quote(table)} (${names.map(quote).join(', ')})`;

  let sql: string;
  let encode: (row: InsertRow) => string;
  if (isSqlite(db)) {
    // Rows travel as JSON arrays (about a third faster to build and to unpack than objects); Dates
    // as epoch milliseconds, which is how knex's better-sqlite3 binding stores them too. `where true`
    // resolves SQLite's parsing ambiguity between INSERT … SELECT and an upsert clause.
    const values = names.map((_, i) => `json_extract(value, '$[${i}]')`);
    sql = `insert into ${target} select ${values.join(
      ', ',
    )} from json_each(?) where true${onConflict}`;
    encode = row =>
      JSON.stringify(
        names.map(name => {
          const value = row[name];
          return value instanceof Date ? value.getTime() : value ?? null;
        }),
      );
  } else if (isPostgres(db)) {
    // Objects here: json_to_recordset unpacks them faster than casting array elements one by one.
    const recordType = names.map(n => `${quote(n)} ${columns[n]}`).join(', ');
    sql = `insert into ${target} select ${names
      .map(quote)
      .join(
        ', ',
      )} from json_to_recordset(?::json) as x(${recordType})${onConflict}`;
    encode = row => {
      const record: Record<string, string | number | null> = {};
      for (const name of names) {
        const value = row[name];
        record[name] =
          value instanceof Date ? value.toISOString() : value ?? null;
      }
      return JSON.stringify(record);
    };
  } else {
    await fallbackInsert(db, table, names, rows, keys, updates);
    return;
  }

  let batch: string[] = [];
  let chars = 0;
  for (const row of rows) {
    const json = encode(row);
    batch.push(json);
    chars += json.length;
    if (
      batch.length >= MAX_ROWS_PER_STATEMENT ||
      chars >= MAX_CHARS_PER_STATEMENT
    ) {
      await db.raw(sql, [`[${batch.join(',')}]`]);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) {
    await db.raw(sql, [`[${batch.join(',')}]`]);
  }
}

async function fallbackInsert(
  db: Knex,
  table: string,
  names: string[],
  rows: readonly InsertRow[],
  keys: readonly string[] | undefined,
  updates: readonly string[],
): Promise<void> {
  const limit = await maxBindings(db);
  const size = Math.max(1, Math.floor(limit / names.length));
  for (const part of chunk(rows, Math.min(size, 1000))) {
    const query = db(table).insert(part);
    if (keys) {
      await (updates.length > 0
        ? query.onConflict([...keys]).merge([...updates])
        : query.onConflict([...keys]).ignore());
    } else {
      await query;
    }
  }
}
