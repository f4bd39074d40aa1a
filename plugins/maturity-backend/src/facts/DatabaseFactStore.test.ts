import { TestDatabases } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { DatabaseFactStore } from './DatabaseFactStore';
import type { FactWrite } from './FactStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  // PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container:
  // with CI=true and no server, the run must fall back to SQLite only, as scripts/test.sh announces.
  disableDocker: true,
});

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseFactStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

async function count(knex: Knex, table: string): Promise<number> {
  const [row] = await knex(table).count({ n: '*' });
  return Number(row.n);
}

const ref = (i: number) =>
  `component:default/svc-${String(i).padStart(5, '0')}`;

describe.each(databases.eachSupportedId())(
  'DatabaseFactStore, %p',
  databaseId => {
    it('stores new facts, reads them back and reports them changed', async () => {
      const { knex, store } = await setup(databaseId);
      const observedAt = new Date('2026-11-01T08:00:00.000Z');

      const result = await store.writeFacts([
        {
          entityRef: ref(1),
          source: 'catalog',
          facts: { hasDocs: true },
          observedAt,
        },
        { entityRef: ref(1), source: 'kubernetes', facts: { replicas: 3 } },
        { entityRef: ref(2), source: 'catalog', facts: { hasDocs: false } },
      ]);

      expect(result).toEqual({
        changed: [
          { entityRef: ref(1), source: 'catalog' },
          { entityRef: ref(1), source: 'kubernetes' },
          { entityRef: ref(2), source: 'catalog' },
        ],
        unchanged: 0,
      });
      const facts = await store.getFacts([ref(1), ref(2), ref(3)]);
      expect(Object.fromEntries(facts)).toEqual({
        [ref(1)]: { catalog: { hasDocs: true }, kubernetes: { replicas: 3 } },
        [ref(2)]: { catalog: { hasDocs: false } },
      });
      expect(await count(knex, 'maturity_fact_changes')).toBe(3);
      const [history] = await store.getFactHistory(ref(1), 'catalog');
      expect(history.observedAt).toBe('2026-11-01T08:00:00.000Z');
      expect(history.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('writes nothing on a resend, whatever the key order', async () => {
      const { knex, store } = await setup(databaseId);
      await store.writeFacts([
        {
          entityRef: ref(1),
          source: 'scm',
          facts: { a: 1, b: { c: [1, 2], d: 'x' } },
        },
      ]);
      const before = await knex('maturity_facts').select('*');

      const result = await store.writeFacts([
        {
          entityRef: ref(1),
          source: 'scm',
          facts: { b: { d: 'x', c: [1, 2] }, a: 1 },
        },
      ]);

      expect(result).toEqual({ changed: [], unchanged: 1 });
      expect(await count(knex, 'maturity_fact_changes')).toBe(1);
      expect(await knex('maturity_facts').select('*')).toEqual(before);
    });

    it('logs exactly one change when a fact changes', async () => {
      const { knex, store } = await setup(databaseId);
      await store.writeFacts([
        { entityRef: ref(1), source: 'scm', facts: { readme: false } },
        { entityRef: ref(2), source: 'scm', facts: { readme: false } },
      ]);

      const result = await store.writeFacts([
        { entityRef: ref(1), source: 'scm', facts: { readme: true } },
        { entityRef: ref(2), source: 'scm', facts: { readme: false } },
      ]);

      expect(result).toEqual({
        changed: [{ entityRef: ref(1), source: 'scm' }],
        unchanged: 1,
      });
      expect(await count(knex, 'maturity_fact_changes')).toBe(3);
      const history = await store.getFactHistory(ref(1), 'scm');
      expect(history.map(h => h.facts)).toEqual([
        { readme: true },
        { readme: false },
      ]);
      expect(history[0].id).toBeGreaterThan(history[1].id);
      expect((await store.getFacts([ref(1)])).get(ref(1))).toEqual({
        scm: { readme: true },
      });
    });

    it('keeps the last entry of a key repeated in one batch', async () => {
      const { knex, store } = await setup(databaseId);
      const result = await store.writeFacts([
        { entityRef: ref(1), source: 'scm', facts: { v: 1 } },
        { entityRef: ref(1), source: 'scm', facts: { v: 2 } },
      ]);
      expect(result).toEqual({
        changed: [{ entityRef: ref(1), source: 'scm' }],
        unchanged: 0,
      });
      expect((await store.getFacts([ref(1)])).get(ref(1))).toEqual({
        scm: { v: 2 },
      });
      expect(await count(knex, 'maturity_fact_changes')).toBe(1);
    });

    it('writes and reads 2,500 entities across chunks', async () => {
      const { knex, store } = await setup(databaseId);
      const batch: FactWrite[] = [];
      for (let i = 0; i < 2500; i++) {
        batch.push({ entityRef: ref(i), source: 'catalog', facts: { i } });
        batch.push({
          entityRef: ref(i),
          source: 'scm',
          facts: { files: [`f${i}`] },
        });
      }
      expect((await store.writeFacts(batch)).changed).toHaveLength(5000);

      const refs = batch
        .filter(b => b.source === 'catalog')
        .map(b => b.entityRef);
      const facts = await store.getFacts(refs);
      expect(facts.size).toBe(2500);
      expect(facts.get(ref(2499))).toEqual({
        catalog: { i: 2499 },
        scm: { files: ['f2499'] },
      });
      expect(await store.listEntityRefs()).toEqual([...refs].sort());
      expect(await store.writeFacts(batch)).toEqual({
        changed: [],
        unchanged: 5000,
      });
      expect(await count(knex, 'maturity_fact_changes')).toBe(5000);
    });

    it('writes nothing of a batch that fails midway', async () => {
      const { knex, store } = await setup(databaseId);
      await store.writeFacts([
        { entityRef: ref(0), source: 'scm', facts: { v: 1 } },
      ]);
      const batch: FactWrite[] = [];
      for (let i = 0; i < 2500; i++) {
        batch.push({ entityRef: ref(i), source: 'scm', facts: { v: 2 } });
      }
      // A NOT NULL violation in the last row, after earlier insert chunks have already run.
      batch.push({
        entityRef: ref(9999),
        source: null as unknown as string,
        facts: { v: 2 },
      });

      // Not .toThrow(): better-sqlite3 keeps the error class of the first test file that loaded it in a
      // Jest worker, so in later files its errors fail `instanceof Error` (events-backend notes the same).
      await expect(store.writeFacts(batch)).rejects.toEqual(expect.anything());

      expect(await count(knex, 'maturity_facts')).toBe(1);
      expect(await count(knex, 'maturity_fact_changes')).toBe(1);
      expect((await store.getFacts([ref(0)])).get(ref(0))).toEqual({
        scm: { v: 1 },
      });
    });

    it('deletes entities and retains only live ones', async () => {
      const { knex, store } = await setup(databaseId);
      const facts: JsonObject = { ok: true };
      await store.writeFacts(
        [1, 2, 3, 4].map(i => ({
          entityRef: ref(i),
          source: 'catalog',
          facts,
        })),
      );

      expect(await store.deleteEntities([ref(1), ref(1)])).toBe(1);
      expect(await store.retainOnly(new Set([ref(2), ref(9)]))).toEqual([
        ref(3),
        ref(4),
      ]);

      expect(await store.listEntityRefs()).toEqual([ref(2)]);
      const logged = await knex('maturity_fact_changes').distinct('entity_ref');
      expect(logged.map(row => row.entity_ref)).toEqual([ref(2)]);
      expect(await store.retainOnly(new Set([ref(2)]))).toEqual([]);
    });

    it('prunes the change log by age', async () => {
      const { knex, store } = await setup(databaseId);
      for (let v = 0; v < 3; v++) {
        await store.writeFacts([
          { entityRef: ref(1), source: 'scm', facts: { v } },
        ]);
      }
      const [oldest] = await knex('maturity_fact_changes').min({ id: 'id' });
      await knex('maturity_fact_changes')
        .where('id', oldest.id)
        .update({ created_at: new Date(Date.now() - 40 * 86_400_000) });

      expect(await store.pruneChanges({ maxAge: { days: 30 } })).toBe(1);
      const history = await store.getFactHistory(ref(1), 'scm');
      expect(history.map(h => h.facts)).toEqual([{ v: 2 }, { v: 1 }]);
      expect(await store.pruneChanges({ maxAge: { days: 30 } })).toBe(0);
    });

    it('prunes the change log to the newest N per entity and source', async () => {
      const { knex, store } = await setup(databaseId);
      for (let v = 0; v < 6; v++) {
        await store.writeFacts([
          { entityRef: ref(1), source: 'scm', facts: { v } },
          { entityRef: ref(1), source: 'catalog', facts: { v } },
          ...(v < 2
            ? [{ entityRef: ref(2), source: 'scm', facts: { v } }]
            : []),
        ]);
      }

      expect(await store.pruneChanges({ maxPerEntitySource: 3 })).toBe(6);

      expect(
        (await store.getFactHistory(ref(1), 'scm')).map(h => h.facts),
      ).toEqual([{ v: 5 }, { v: 4 }, { v: 3 }]);
      expect(
        (await store.getFactHistory(ref(1), 'catalog')).map(h => h.facts),
      ).toEqual([{ v: 5 }, { v: 4 }, { v: 3 }]);
      expect(await store.getFactHistory(ref(2), 'scm')).toHaveLength(2);
      expect(await count(knex, 'maturity_fact_changes')).toBe(8);
      // The latest facts are never touched by pruning.
      expect((await store.getFacts([ref(1)])).get(ref(1))).toEqual({
        scm: { v: 5 },
        catalog: { v: 5 },
      });
      await expect(
        store.pruneChanges({ maxPerEntitySource: -1 }),
      ).rejects.toThrow(/non-negative/);
    });

    it('limits the history', async () => {
      const { store } = await setup(databaseId);
      for (let v = 0; v < 5; v++) {
        await store.writeFacts([
          { entityRef: ref(1), source: 'scm', facts: { v } },
        ]);
      }
      const history = await store.getFactHistory(ref(1), 'scm', 2);
      expect(history.map(h => h.facts)).toEqual([{ v: 4 }, { v: 3 }]);
      expect(history[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    });
  },
);
