import { applyDatabaseMigrations } from '../database/migrations';
import {
  createTestDatabase,
  POSTGRES_ENV,
  postgresUrl,
  TestDatabase,
} from './postgres';

jest.setTimeout(60_000);

const describePostgres = postgresUrl ? describe : describe.skip;

describePostgres(
  `maturity migrations started by several instances at once (PostgreSQL; skipped unless ${POSTGRES_ENV} is set)`,
  () => {
    let database: TestDatabase | undefined;

    afterEach(async () => {
      await database?.drop();
      database = undefined;
    });

    it('all succeed on a fresh database and migrate it once', async () => {
      database = await createTestDatabase(postgresUrl ?? '');
      // Separate clients, as separate backend processes have: knex's in-process guard cannot help.
      const clients = [1, 2, 3].map(() => database!.client());

      const outcomes = await Promise.allSettled(
        clients.map(client => applyDatabaseMigrations(client)),
      );

      expect(outcomes.map(o => o.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const applied: Array<{ name: string }> = await clients[0](
        'knex_migrations',
      ).select('name');
      const names = applied.map(row => row.name);
      expect(new Set(names).size).toBe(names.length);
      expect(await clients[0].schema.hasTable('maturity_levels')).toBe(true);
    });
  },
);
