/*
 * Databases for benchmarks, configured the way Backstage's database service configures them: a
 * better-sqlite3 file in a temp directory, an in-memory better-sqlite3, or a fresh PostgreSQL database
 * (`ratchet_bench_<random>`, dropped on close). Every one is migrated with the plugin's migrations.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { applyDatabaseMigrations } from '../../plugins/maturity-backend/src/database/migrations';

/** The engines a benchmark can run on. */
export type BenchDatabaseKind = 'sqlite-file' | 'sqlite-memory' | 'postgres';

/** Every engine, in the order benchmarks report them. */
export const BENCH_DATABASE_KINDS: readonly BenchDatabaseKind[] = [
  'sqlite-file',
  'sqlite-memory',
  'postgres',
];

/** A migrated database for one benchmark run. */
export interface BenchDatabase {
  /** Which engine. */
  kind: BenchDatabaseKind;
  /** Human description, e.g. the file path or database name. */
  where: string;
  /** The migrated client. */
  knex: Knex;
  /** The Backstage `backend.database` config that reaches the same database (for real backends). */
  backstageConfig: {
    client: string;
    connection: string | { filename: string };
  };
  /** Destroys the client and removes the database. */
  close(): Promise<void>;
}

/** Where PostgreSQL is; override with RATCHET_BENCH_PG. */
export function postgresUrl(): string {
  return process.env.RATCHET_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Whether PostgreSQL answers within a few seconds; the reason when it does not. */
export async function postgresReachable(): Promise<
  { ok: true } | { ok: false; reason: string }
> {
  const admin = knexFactory({
    client: 'pg',
    connection: {
      connectionString: withDatabase(postgresUrl(), 'postgres'),
      connectionTimeoutMillis: 3000,
    },
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('select 1');
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await admin.destroy();
  }
}

/** Creates an empty PostgreSQL database and returns its name and URL; drop it with dropPostgresDatabase. */
export async function createPostgresDatabase(
  prefix = 'ratchet_bench',
): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({
    client: 'pg',
    connection: withDatabase(postgresUrl(), 'postgres'),
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('create database ??', [name]);
  } finally {
    await admin.destroy();
  }
  return { name, url: withDatabase(postgresUrl(), name) };
}

/** Drops a database made by createPostgresDatabase, closing whatever connections are left. */
export async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = knexFactory({
    client: 'pg',
    connection: withDatabase(postgresUrl(), 'postgres'),
    pool: { min: 0, max: 1 },
  });
  try {
    await admin.raw('drop database if exists ?? with (force)', [name]);
  } finally {
    await admin.destroy();
  }
}

/** Opens and migrates a database of the given kind. */
export async function openBenchDatabase(
  kind: BenchDatabaseKind,
): Promise<BenchDatabase> {
  if (kind === 'postgres') {
    const { name, url } = await createPostgresDatabase();
    const knex = knexFactory({ client: 'pg', connection: url });
    await applyDatabaseMigrations(knex);
    return {
      kind,
      where: name,
      knex,
      backstageConfig: { client: 'pg', connection: url },
      async close() {
        await knex.destroy();
        await dropPostgresDatabase(name);
      },
    };
  }
  const dir =
    kind === 'sqlite-file'
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'ratchet-bench-'))
      : undefined;
  const filename = dir ? path.join(dir, 'maturity.sqlite') : ':memory:';
  // Backstage's SQLite connector: knex + better-sqlite3, useNullAsDefault, no other pragmas.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  await applyDatabaseMigrations(knex);
  return {
    kind,
    where: filename,
    knex,
    backstageConfig: { client: 'better-sqlite3', connection: { filename } },
    async close() {
      await knex.destroy();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
