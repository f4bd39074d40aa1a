/*
 * PostgreSQL for the reliability tests: they need a real server (row locks, connection loss on SIGKILL),
 * which CI provides through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. Each test gets a fresh
 * database and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import knexFactory, { Knex } from 'knex';

/** The environment variable that points the tests at PostgreSQL 15. */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/** The connection string, or undefined when the tests must be skipped. */
export const postgresUrl: string | undefined = process.env[POSTGRES_ENV];

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database on the test server. */
export interface TestDatabase {
  /** The database name. */
  name: string;
  /** A connection string to it. */
  url: string;
  /** Opens a client on it (destroyed by drop()). */
  client(): Knex;
  /** Destroys the clients and drops the database, closing whatever connections are left. */
  drop(): Promise<void>;
}

async function admin<T>(
  url: string,
  fn: (knex: Knex) => Promise<T>,
): Promise<T> {
  const knex = knexFactory({
    client: 'pg',
    connection: withDatabase(url, 'postgres'),
    pool: { min: 0, max: 1 },
  });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
  }
}

/** Creates `<prefix><random>` (or exactly `name` when given) on the test server. */
export async function createTestDatabase(
  url: string,
  options: { prefix?: string; name?: string } = {},
): Promise<TestDatabase> {
  const name =
    options.name ??
    `${options.prefix ?? 'ratchet_rel_'}${randomBytes(5).toString('hex')}`;
  await admin(url, knex => knex.raw('create database ??', [name]));
  const clients: Knex[] = [];
  const databaseUrl = withDatabase(url, name);
  return {
    name,
    url: databaseUrl,
    client() {
      const knex = knexFactory({ client: 'pg', connection: databaseUrl });
      clients.push(knex);
      return knex;
    },
    async drop() {
      await Promise.all(clients.map(c => c.destroy()));
      await admin(url, knex =>
        knex.raw('drop database if exists ?? with (force)', [name]),
      );
    },
  };
}

/** Polls `condition` until it holds; throws with `what` after `timeoutMs` (the test then fails). */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
