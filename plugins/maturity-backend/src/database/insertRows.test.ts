import { TestDatabases } from '@backstage/backend-test-utils';
import { insertRows } from './insertRows';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  // PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container:
  // with CI=true and no server, the run must fall back to SQLite only, as scripts/test.sh announces.
  disableDocker: true,
});

const COLUMNS = {
  entity_ref: 'text',
  definition_ref: 'text',
  check_id: 'text',
  status: 'text',
  message: 'text',
  failing: 'text',
  evaluated_at: 'timestamptz',
  since: 'timestamptz',
} as const;

const T1 = new Date('2026-11-20T10:00:00.000Z');
const T2 = new Date('2026-11-21T10:00:00.000Z');

function row(checkId: string, message: string, at: Date) {
  return {
    entity_ref: 'component:default/a',
    definition_ref: 'scorecard:default/s',
    check_id: checkId,
    status: 'fail',
    message,
    failing: null,
    evaluated_at: at,
    since: at,
  };
}

describe.each(databases.eachSupportedId())('insertRows, %p', databaseId => {
  it('round-trips awkward text and stores Dates as a plain insert would', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const awkward = `quotes ' " \\ back\\slash, newline\n, emoji 🚀, json {"a":[1]}, ${'x'.repeat(
      5000,
    )}`;

    await insertRows(knex, 'maturity_results', COLUMNS, [
      row('json', awkward, T1),
    ]);
    await knex('maturity_results').insert(row('plain', awkward, T1));

    const rows = await knex('maturity_results').orderBy('check_id');
    expect(rows.map(r => r.message)).toEqual([awkward, awkward]);
    // Same stored representation either way, so comparisons against bound Dates work on both.
    expect(rows[0].since).toEqual(rows[1].since);
    const [{ n }] = await knex('maturity_results')
      .where('since', '<', T2)
      .count({ n: '*' });
    expect(Number(n)).toBe(2);
  });

  it('upserts only the merge columns on conflict', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    await insertRows(knex, 'maturity_results', COLUMNS, [row('c', 'one', T1)]);

    await insertRows(knex, 'maturity_results', COLUMNS, [row('c', 'two', T2)], {
      conflict: ['entity_ref', 'definition_ref', 'check_id'],
      merge: ['message', 'evaluated_at'],
    });

    const [stored] = await knex('maturity_results');
    expect(stored.message).toBe('two');
    expect(new Date(stored.evaluated_at).toISOString()).toBe(T2.toISOString());
    expect(new Date(stored.since).toISOString()).toBe(T1.toISOString());
  });

  it('splits many rows over several statements', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const rows = Array.from({ length: 12_001 }, (_, i) =>
      row(`c${i}`, 'm', T1),
    );
    await insertRows(knex, 'maturity_results', COLUMNS, rows);
    const [{ n }] = await knex('maturity_results').count({ n: '*' });
    expect(Number(n)).toBe(12_001);
  });
});
