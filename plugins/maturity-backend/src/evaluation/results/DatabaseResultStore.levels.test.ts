import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseResultStore } from './DatabaseResultStore';
import type { LevelWrite } from './ResultStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  // PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container:
  // with CI=true and no server, the run must fall back to SQLite only, as scripts/test.sh announces.
  disableDocker: true,
});

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseResultStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

const ref = (i: number) =>
  `component:default/svc-${String(i).padStart(5, '0')}`;
const SC = 'scorecard:default/production-readiness';
const OTHER = 'scorecard:default/security';
const LEVELS = ['bronze', 'silver', 'gold'];

function level(
  entity: number,
  levelIndex: number,
  scorecardRef = SC,
): LevelWrite {
  return {
    entityRef: ref(entity),
    scorecardRef,
    level: levelIndex >= 0 ? LEVELS[levelIndex] : null,
    levelIndex,
    passed: levelIndex + 1,
    failed: 2 - levelIndex,
    errored: 0,
    total: 3,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseResultStore levels, %p',
  databaseId => {
    it('returns the previous levels so that drops can be detected', async () => {
      const { store } = await setup(databaseId);
      expect(
        await store.writeLevels([level(1, 2), level(2, 0), level(1, 1, OTHER)]),
      ).toEqual([]);

      const previous = await store.writeLevels([
        level(1, 0),
        level(2, 1),
        level(3, -1),
      ]);

      expect(
        previous.map(p => [p.entityRef, p.scorecardRef, p.level, p.levelIndex]),
      ).toEqual([
        [ref(1), SC, 'gold', 2],
        [ref(2), SC, 'bronze', 0],
      ]);
      const current = await store.getLevels({ scorecardRef: SC });
      expect(current.map(c => [c.entityRef, c.level, c.levelIndex])).toEqual([
        [ref(1), 'bronze', 0],
        [ref(2), 'silver', 1],
        [ref(3), null, -1],
      ]);
      expect(current[2]).toMatchObject({
        passed: 0,
        failed: 3,
        errored: 0,
        total: 3,
      });
      expect(await store.getLevels({ scorecardRef: OTHER })).toHaveLength(1);
      expect(
        (
          await store.getLevels({
            scorecardRef: SC,
            entityRefs: [ref(2), ref(9)],
          })
        ).map(c => c.entityRef),
      ).toEqual([ref(2)]);
    });

    it('writes only changed levels', async () => {
      const { knex, store } = await setup(databaseId);
      await store.writeLevels([level(1, 1), level(2, 1)]);
      const old = new Date('2026-01-01T00:00:00.000Z');
      await knex('maturity_levels').update({ updated_at: old });

      await store.writeLevels([level(1, 1), { ...level(2, 1), errored: 1 }]);

      const [first, second] = await store.getLevels({ scorecardRef: SC });
      expect(first.updatedAt).toBe(old.toISOString());
      expect(second.updatedAt).not.toBe(old.toISOString());
      expect(second.errored).toBe(1);
    });

    it('lets only one of two concurrent writers see the old level', async () => {
      const { store } = await setup(databaseId);
      await store.writeLevels([level(1, 2), level(2, 2)]);

      // Two evaluations of the same entities race (two backend instances); both drop them to bronze.
      const [a, b] = await Promise.all([
        store.applyResults([], { levels: [level(1, 0), level(2, 0)] }),
        store.applyResults([], { levels: [level(2, 0), level(1, 0)] }),
      ]);

      const sawGold = [a, b].flatMap(s =>
        (s.previousLevels ?? []).filter(p => p.levelIndex === 2),
      );
      // Each entity's drop from gold is seen by exactly one writer: the other waits and reads bronze.
      expect(sawGold.map(p => p.entityRef).sort()).toEqual([ref(1), ref(2)]);
      expect(
        [...(a.previousLevels ?? []), ...(b.previousLevels ?? [])].filter(
          p => p.levelIndex === 0,
        ),
      ).toHaveLength(2);
    });

    it('logs a status change once when two writers race on it', async () => {
      const { store } = await setup(databaseId);
      const result = (status: 'pass' | 'fail', at: string) => ({
        entityRef: ref(1),
        definitionRef: SC,
        checkId: 'ci-green',
        outcome: { status, message: `build ${status}` },
        evaluatedAt: new Date(at),
      });
      await store.applyResults([result('pass', '2026-11-24T10:00:00Z')]);

      // One failed build pushed to two backend instances: each evaluates the entity at once.
      const [a, b] = await Promise.all([
        store.applyResults([result('fail', '2026-11-24T11:00:00Z')], {
          levels: [level(1, 0)],
        }),
        store.applyResults([result('fail', '2026-11-24T11:00:01Z')], {
          levels: [level(1, 0)],
        }),
      ]);

      // The second waits for the first and reads its result: one transition, so one regression alert.
      expect(
        [...a.transitions, ...b.transitions].map(t => [
          t.fromStatus,
          t.toStatus,
        ]),
      ).toEqual([['pass', 'fail']]);
    });

    it('writes results and levels in one transaction', async () => {
      const { store } = await setup(databaseId);
      await store.writeLevels([level(1, 1)]);
      const bad = {
        entityRef: ref(1),
        definitionRef: SC,
        checkId: 'has-owner',
        outcome: { status: 'pass' as const, message: 'ok' },
        evaluatedAt: new Date('2026-11-24T10:00:00Z'),
      };
      const failing = store.applyResults([bad], {
        levels: [{ ...level(1, 2), total: null as unknown as number }],
      });
      await expect(failing).rejects.toEqual(expect.anything());

      // The level write failed, so the result written before it in the transaction is gone too.
      expect(await store.getResultsForEntity(ref(1))).toEqual([]);
      const [stored] = await store.getLevels({ scorecardRef: SC });
      expect(stored.levelIndex).toBe(1);
    });

    it('moves the view generation on every change and only then', async () => {
      const { store } = await setup(databaseId);
      const start = await store.getViewGeneration();
      const result = {
        entityRef: ref(1),
        definitionRef: SC,
        checkId: 'has-owner',
        outcome: { status: 'pass' as const, message: 'ok' },
        evaluatedAt: new Date('2026-11-24T10:00:00Z'),
      };
      await store.applyResults([result], { levels: [level(1, 0)] });
      const afterWrite = await store.getViewGeneration();
      expect(afterWrite).toBeGreaterThan(start);

      // The same results and level again change nothing, so views cached under it stay valid.
      await store.applyResults([result], { levels: [level(1, 0)] });
      expect(await store.getViewGeneration()).toBe(afterWrite);

      await store.writeLevels([level(1, 1)]);
      const afterLevel = await store.getViewGeneration();
      expect(afterLevel).toBeGreaterThan(afterWrite);
      await store.deleteEntities([ref(1)]);
      expect(await store.getViewGeneration()).toBeGreaterThan(afterLevel);
    });

    it('handles thousands of levels across chunks', async () => {
      const { store } = await setup(databaseId);
      const many = Array.from({ length: 2500 }, (_, i) => level(i, i % 3));
      expect(await store.writeLevels(many)).toEqual([]);
      expect(await store.writeLevels(many)).toHaveLength(2500);
      expect(await store.getLevels({ scorecardRef: SC })).toHaveLength(2500);
    });

    it('snapshots a day idempotently and serves the history', async () => {
      const { store } = await setup(databaseId);
      await store.writeLevels([level(1, 0), level(2, 1), level(1, 2, OTHER)]);
      expect(await store.snapshotLevels('2026-11-20')).toBe(3);
      expect(await store.snapshotLevels('2026-11-20')).toBe(3);

      await store.writeLevels([level(1, 1)]);
      await store.snapshotLevels('2026-11-21');
      await store.writeLevels([level(1, 2)]);
      // Re-running a day replaces its rows with the current levels.
      expect(await store.snapshotLevels('2026-11-21')).toBe(3);

      const history = await store.getLevelHistory(ref(1), SC, '2026-11-01');
      expect(history).toEqual([
        {
          day: '2026-11-20',
          entityRef: ref(1),
          scorecardRef: SC,
          level: 'bronze',
          levelIndex: 0,
          passed: 1,
          total: 3,
        },
        {
          day: '2026-11-21',
          entityRef: ref(1),
          scorecardRef: SC,
          level: 'gold',
          levelIndex: 2,
          passed: 3,
          total: 3,
        },
      ]);
      expect(
        await store.getLevelHistory(ref(1), SC, '2026-11-21'),
      ).toHaveLength(1);

      expect(await store.pruneSnapshots('2026-11-21')).toBe(3);
      expect(
        await store.getLevelHistory(ref(1), SC, '2026-01-01'),
      ).toHaveLength(1);

      // Snapshots outlive the entity: they describe days on which it existed.
      await store.deleteEntities([ref(1)]);
      expect(
        await store.getLevelHistory(ref(1), SC, '2026-01-01'),
      ).toHaveLength(1);
    });

    it('rejects days that are not YYYY-MM-DD', async () => {
      const { store } = await setup(databaseId);
      await expect(store.snapshotLevels('2026-1-2')).rejects.toThrow(
        /YYYY-MM-DD/,
      );
      await expect(store.pruneSnapshots('yesterday')).rejects.toThrow(
        /YYYY-MM-DD/,
      );
      await expect(store.getLevelHistory(ref(1), SC, '')).rejects.toThrow(
        /YYYY-MM-DD/,
      );
    });

    it('writes nothing of a level batch that fails midway', async () => {
      const { store } = await setup(databaseId);
      await store.writeLevels([level(0, 0)]);
      const batch = Array.from({ length: 2500 }, (_, i) => level(i, 2));
      batch.push({ ...level(9999, 1), total: null as unknown as number });

      // Not .toThrow(): better-sqlite3 keeps the error class of the first test file that loaded it in a
      // Jest worker, so in later files its errors fail `instanceof Error` (events-backend notes the same).
      await expect(store.writeLevels(batch)).rejects.toEqual(expect.anything());

      const stored = await store.getLevels({ scorecardRef: SC });
      expect(stored.map(s => [s.entityRef, s.levelIndex])).toEqual([
        [ref(0), 0],
      ]);
    });
  },
);
