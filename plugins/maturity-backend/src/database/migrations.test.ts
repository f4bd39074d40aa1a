import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import fs from 'node:fs';
import { applyDatabaseMigrations, MIGRATIONS_DIRECTORY } from './migrations';

jest.setTimeout(60_000);

const TABLES = [
  'maturity_facts',
  'maturity_fact_changes',
  'maturity_results',
  'maturity_result_transitions',
  'maturity_levels',
  'maturity_level_snapshots',
];

const migrationFiles = fs
  .readdirSync(MIGRATIONS_DIRECTORY)
  .filter(name => name.endsWith('.js'))
  .sort();

async function existingTables(knex: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const table of TABLES) {
    if (await knex.schema.hasTable(table)) {
      present.push(table);
    }
  }
  return present;
}

describe('migrations', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    // PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container:
    // with CI=true and no server, the run must fall back to SQLite only, as scripts/test.sh announces.
    disableDocker: true,
  });

  it('names every migration YYYYMMDDHHMMSS_name.js', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    for (const file of migrationFiles) {
      expect(file).toMatch(/^\d{14}_[a-z0-9_]+\.js$/);
    }
  });

  it.each(databases.eachSupportedId())(
    'migrates up to latest and all the way down, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await applyDatabaseMigrations(knex);
      expect(await existingTables(knex)).toEqual(TABLES);
      const [, pending] = (await knex.migrate.list({
        directory: MIGRATIONS_DIRECTORY,
      })) as [unknown[], unknown[]];
      expect(pending).toEqual([]);

      // The schema takes what the stores write: timestamps as Dates, JSON as text, nullable columns.
      const at = new Date('2026-11-24T10:00:00.000Z');
      await knex('maturity_results').insert({
        entity_ref: 'component:default/a',
        definition_ref: 'scorecard:default/s',
        check_id: 'c1',
        status: 'pass',
        message: 'ok',
        failing: null,
        evaluated_at: at,
        since: at,
      });
      await knex('maturity_levels').insert({
        entity_ref: 'component:default/a',
        scorecard_ref: 'scorecard:default/s',
        level: null,
        level_index: -1,
        passed: 0,
        failed: 1,
        errored: 0,
        total: 1,
        updated_at: at,
      });
      await expect(
        knex('maturity_results').insert({
          entity_ref: 'component:default/a',
          definition_ref: 'scorecard:default/s',
          check_id: 'c1',
          status: 'fail',
          message: 'duplicate key',
          evaluated_at: at,
          since: at,
        }),
      ).rejects.toEqual(expect.anything()); // see DatabaseFactStore.test.ts on .toThrow()

      for (let i = 0; i < migrationFiles.length; i++) {
        await knex.migrate.down({ directory: MIGRATIONS_DIRECTORY });
      }
      expect(await existingTables(knex)).toEqual([]);

      // And up again, so a down followed by an upgrade leaves nothing behind that blocks it.
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await existingTables(knex)).toEqual(TABLES);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs concurrent callers once, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await Promise.all([
        applyDatabaseMigrations(knex),
        applyDatabaseMigrations(knex),
      ]);
      expect(await existingTables(knex)).toEqual(TABLES);
    },
  );
});
