import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseFactStore } from '../../facts/DatabaseFactStore';
import { DatabaseResultStore } from './DatabaseResultStore';
import type { LevelWrite, ResultWrite } from './ResultStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const SVC = 'component:default/payments';
const OTHER = 'component:default/ledger';
const SC = 'scorecard:default/service-maturity';

const result = (entityRef: string, status: 'pass' | 'fail'): ResultWrite => ({
  entityRef,
  definitionRef: SC,
  checkId: 'ci-not-failed',
  outcome: { status, message: `build ${status}` },
  evaluatedAt: new Date(),
});
const level = (entityRef: string, levelIndex: number): LevelWrite => ({
  entityRef,
  scorecardRef: SC,
  level: levelIndex >= 0 ? 'bronze' : null,
  levelIndex,
  passed: levelIndex + 1,
  failed: -levelIndex,
  errored: 0,
  total: 1,
});

// A sweep reads an entity's facts, a push changes them and its own evaluation writes the new results,
// then the sweep writes what it computed from the old facts: without the version check it overwrites
// the newer results, and the stored result contradicts the stored facts until the next sweep.
describe.each(databases.eachSupportedId())(
  'results computed from facts that changed meanwhile, %p',
  databaseId => {
    it('are left out of the write, with their level; the rest of the batch is written', async () => {
      const knex = await databases.init(databaseId);
      const results = await DatabaseResultStore.create({
        database: { getClient: async () => knex },
      });
      const facts = DatabaseFactStore.fromKnex(knex);
      const versionsOf = async (refs: string[]) =>
        (await facts.getFactsAndVersions(refs)).versions;
      const write = (entityRef: string, lastBuild: string) =>
        facts.writeFacts([
          { entityRef, source: 'pushed', facts: { ci: { lastBuild } } },
        ]);
      await write(SVC, 'passed');
      await write(OTHER, 'passed');
      const sweepRead = await versionsOf([
        SVC,
        OTHER,
        'component:default/none',
      ]);
      expect([...sweepRead.keys()].sort()).toEqual([OTHER, SVC]);

      await write(SVC, 'failed');
      const pushRead = await versionsOf([SVC]);
      expect(pushRead.get(SVC)).not.toEqual(sweepRead.get(SVC));
      await results.applyResults([result(SVC, 'fail')], {
        scope: { entityRefs: [SVC] },
        levels: [level(SVC, -1)],
        factVersions: pushRead,
      });

      const late = await results.applyResults(
        [result(SVC, 'pass'), result(OTHER, 'pass')],
        {
          scope: { entityRefs: [SVC, OTHER] },
          levels: [level(SVC, 0), level(OTHER, 0)],
          factVersions: sweepRead,
        },
      );

      expect(late.stale).toEqual([SVC]);
      expect(late.transitions.map(t => t.entityRef)).toEqual([OTHER]);
      expect(
        (await results.getResultsForEntity(SVC)).map(r => r.status),
      ).toEqual(['fail']);
      expect(
        (await results.getResultsForEntity(OTHER)).map(r => r.status),
      ).toEqual(['pass']);
      expect(
        (await results.getLevels({ scorecardRef: SC })).map(l => [
          l.entityRef,
          l.levelIndex,
        ]),
      ).toEqual([
        [OTHER, 0],
        [SVC, -1],
      ]);
      // Unchanged facts since the read: written as usual.
      const again = await results.applyResults([result(SVC, 'pass')], {
        scope: { entityRefs: [SVC] },
        factVersions: await versionsOf([SVC]),
      });
      expect(again.stale).toBeUndefined();
      expect(again.written).toBe(1);
    });
  },
);
