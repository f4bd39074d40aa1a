import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseResultStore } from '../results/DatabaseResultStore';
import type { LevelWrite, ResultStore } from '../results/ResultStore';
import { snapshotTodayIfMissing } from './snapshotToday';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const SC = 'scorecard:default/production-readiness';
const OTHER = 'scorecard:default/security';
const ENTITY = 'component:default/payments';
const NOW = new Date('2026-03-10T08:30:00Z');
const TODAY = '2026-03-10';

function level(levelIndex: number, scorecardRef = SC): LevelWrite {
  return {
    entityRef: ENTITY,
    scorecardRef,
    level: ['bronze', 'silver'][levelIndex] ?? null,
    levelIndex,
    passed: levelIndex + 1,
    failed: 1 - levelIndex,
    errored: 0,
    total: 2,
  };
}

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const results = await DatabaseResultStore.create({
    database: { getClient: async () => knex },
  });
  const logger = mockServices.logger.mock();
  const snapshot = (scorecardRefs?: string[]) =>
    snapshotTodayIfMissing({ results, logger, scorecardRefs, now: NOW });
  const history = async (scorecardRef = SC) =>
    (await results.getLevelHistory(ENTITY, scorecardRef, TODAY)).map(s => [
      s.day,
      s.level,
    ]);
  return { results, logger, snapshot, history };
}

describe.each(databases.eachSupportedId())(
  'snapshotTodayIfMissing, %p',
  databaseId => {
    it('takes the snapshot of today once, then leaves it alone', async () => {
      const { results, snapshot, history } = await setup(databaseId);
      await results.writeLevels([level(0)]);

      expect(await snapshot()).toBe(true);
      expect(await history()).toEqual([[TODAY, 'bronze']]);

      // A later evaluation raises the level: today's point stays until the sweep refreshes it.
      await results.writeLevels([level(1)]);
      expect(await snapshot()).toBe(false);
      expect(await history()).toEqual([[TODAY, 'bronze']]);
    });

    it('takes nothing while there is no level to copy', async () => {
      const { results, snapshot, history } = await setup(databaseId);
      expect(await snapshot()).toBe(false);
      expect(await results.hasSnapshot(TODAY)).toBe(false);

      // The first evaluation that produces levels then gets its snapshot.
      await results.writeLevels([level(1)]);
      expect(await snapshot()).toBe(true);
      expect(await history()).toEqual([[TODAY, 'silver']]);
    });

    it('retakes today when a scorecard evaluated for the first time is missing from it', async () => {
      const { results, snapshot, history } = await setup(databaseId);
      await results.writeLevels([level(0)]);
      await snapshot();
      await results.writeLevels([level(1, OTHER)]);

      expect(await snapshot([SC])).toBe(false);
      expect(await history(OTHER)).toEqual([]);
      expect(await snapshot([SC, OTHER])).toBe(true);
      expect(await history(OTHER)).toEqual([[TODAY, 'silver']]);
      expect(await history(SC)).toEqual([[TODAY, 'bronze']]);
    });

    it('does not fail the task when the snapshot cannot be written', async () => {
      const { results, logger } = await setup(databaseId);
      await results.writeLevels([level(0)]);
      // As when another replica inserted the same day's rows first.
      const failing: ResultStore = new Proxy(results, {
        get(target, property) {
          if (property === 'snapshotLevels') {
            return async () => {
              throw new Error('duplicate key value violates unique constraint');
            };
          }
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });

      await expect(
        snapshotTodayIfMissing({ results: failing, logger, now: NOW }),
      ).resolves.toBe(false);
      expect(logger.warn).toHaveBeenCalledWith(
        'Could not take the level snapshot of the day',
        expect.objectContaining({ day: TODAY }),
      );
    });
  },
);
