/*
 * The PostgreSQL database of multiProcess.test.ts: a fresh one per run on the server CI provides through
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, shared by every backend process (one schema per
 * plugin), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import knexFactory, { Knex } from 'knex';

/** The environment variable that points the test at PostgreSQL 15. */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(
  url: string,
  fn: (knex: Knex) => Promise<T>,
): Promise<T> {
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 1 },
  });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
  }
}

/** Why the server cannot be used, or undefined when it answers. */
export async function postgresUnavailable(
  url: string | undefined,
): Promise<string | undefined> {
  if (!url) return `${POSTGRES_ENV} is not set`;
  try {
    await withClient(withDatabase(url, 'postgres'), c => c.raw('select 1'));
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_ENV} does not answer (${String(error)})`;
  }
}

/** A fresh database on the test server, with a client to query it. */
export interface TestDatabase {
  /** A connection string to it. */
  url: string;
  /** Runs one statement. */
  query<T extends Record<string, unknown>>(
    sql: string,
    params?: Knex.RawBinding[],
  ): Promise<T[]>;
  /** Closes the client and drops the database, closing whatever connections are left. */
  drop(): Promise<void>;
}

/** Creates `ratchet_mp_<random>` on the server `url` points at. */
export async function createTestDatabase(url: string): Promise<TestDatabase> {
  const name = `ratchet_mp_${randomBytes(5).toString('hex')}`;
  const admin = withDatabase(url, 'postgres');
  await withClient(admin, c => c.raw('create database ??', [name]));
  const databaseUrl = withDatabase(url, name);
  const client = knexFactory({ client: 'pg', connection: databaseUrl });
  return {
    url: databaseUrl,
    async query<T extends Record<string, unknown>>(
      sql: string,
      params: Knex.RawBinding[] = [],
    ) {
      const result = await client.raw(sql, params);
      return result.rows as T[];
    },
    async drop() {
      await client.destroy();
      await withClient(admin, c =>
        c.raw('drop database if exists ?? with (force)', [name]),
      );
    },
  };
}
