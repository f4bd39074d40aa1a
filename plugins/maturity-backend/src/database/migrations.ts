import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { isPostgres } from './bulk';

/** The folder holding the plain-JS migrations of the maturity backend. */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@ratchet/backstage-plugin-maturity-backend',
  'migrations',
);

// Several stores share one client; knex refuses to migrate while another migration holds the lock, so
// concurrent store creation must reuse one run instead of racing for the lock.
const runs = new WeakMap<Knex, Promise<void>>();

// Any fixed bigint: it only has to be the same in every instance of the plugin.
const MIGRATION_LOCK_KEY = 7_261_124_100_000;

async function migrate(knex: Knex): Promise<void> {
  // The advisory lock needs a second pooled connection; a pool of one runs migrations unguarded.
  const poolMax = (knex.client.config as Knex.Config).pool?.max;
  if (!isPostgres(knex) || poolMax === 1) {
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    return;
  }
  // knex's own migration lock lives in a table that the first run creates, so two instances starting
  // together on a fresh database both try to create it and one fails. A transaction-scoped advisory
  // lock, held on one pooled connection while the migrations run on others, serialises whole runs.
  await knex.transaction(async trx => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  });
}

/** Runs the maturity migrations up to the latest (once per client); the plugin owns its database, so knex's default migrations table is used. */
export function applyDatabaseMigrations(knex: Knex): Promise<void> {
  let run = runs.get(knex);
  if (!run) {
    run = migrate(knex);
    // A failed run must not poison later attempts (e.g. a restart of the store after a lock timeout).
    run.catch(() => runs.delete(knex));
    runs.set(knex, run);
  }
  return run;
}

/** Gets the plugin's client and migrates it unless migrations are skipped by config or by the caller. */
export async function getMigratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const client = await options.database.getClient();
  if (!options.database.migrations?.skip && !options.skipMigrations) {
    await applyDatabaseMigrations(client);
  }
  return client;
}
