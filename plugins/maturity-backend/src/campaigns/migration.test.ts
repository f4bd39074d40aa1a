import { TestDatabases } from '@backstage/backend-test-utils';
import {
  applyDatabaseMigrations,
  MIGRATIONS_DIRECTORY,
} from '../database/migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const TABLES = [
  'maturity_campaigns',
  'maturity_campaign_transitions',
  'maturity_campaign_targets',
  'maturity_campaign_owner_progress',
  'maturity_campaign_snapshots',
  'maturity_send_log',
];

describe.each(databases.eachSupportedId())('campaigns migration, %p', id => {
  it('creates the campaign tables and the send log, and drops them again', async () => {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const present = async () => {
      const found: string[] = [];
      for (const table of TABLES) {
        if (await knex.schema.hasTable(table)) found.push(table);
      }
      return found;
    };
    expect(await present()).toEqual(TABLES);
    await knex.migrate.down({
      directory: MIGRATIONS_DIRECTORY,
      name: '20261206110000_campaigns.js',
    });
    expect(await present()).toEqual([]);
    await knex.migrate.up({
      directory: MIGRATIONS_DIRECTORY,
      name: '20261206110000_campaigns.js',
    });
    expect(await present()).toEqual(TABLES);
  });
});
