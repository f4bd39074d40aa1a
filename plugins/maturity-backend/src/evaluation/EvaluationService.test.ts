import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { DatabaseResultStore } from './results/DatabaseResultStore';
import { compileDefinitions } from './definitions/compileDefinitions';
import { EvaluationService, LevelDrop } from './EvaluationService';
import { componentFacts, testScorecard } from './definitions/testDefinitions';

jest.setTimeout(60_000);

describe('EvaluationService', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const facts = DatabaseFactStore.fromKnex(knex);
    const results = DatabaseResultStore.fromKnex(knex);
    const drops: LevelDrop[] = [];
    let exempt = new Set<string>();
    const evaluation = EvaluationService.create({
      facts,
      results,
      logger: mockServices.logger.mock(),
      definitions: {
        getDefinitions: async () => compileDefinitions([testScorecard]),
      },
      exemptions: { activeFor: async () => exempt },
      onLevelDrops: async d => {
        drops.push(...d);
      },
    });
    return {
      facts,
      results,
      evaluation,
      drops,
      setExempt: (s: Set<string>) => (exempt = s),
    };
  }

  it.each(databases.eachSupportedId())(
    'persists results and levels, incrementally, on %p',
    async id => {
      const { facts, results, evaluation, drops } = await setup(id);
      await facts.writeFacts([
        {
          entityRef: 'component:default/a',
          source: 'catalog',
          facts: componentFacts('a'),
        },
        {
          entityRef: 'component:default/a',
          source: 'pushed',
          facts: { errorRate: 0.001 },
        },
        {
          entityRef: 'component:default/b',
          source: 'catalog',
          facts: componentFacts('b', {
            repo: false,
            lifecycle: 'experimental',
          }),
        },
      ]);
      const first = await evaluation.sweep();
      expect(first).toMatchObject({
        entities: 2,
        evaluations: 6,
        transitions: 6,
      });

      const levels = await results.getLevels({
        scorecardRef: 'scorecard:default/basics',
      });
      expect(levels.map(l => [l.entityRef, l.level])).toEqual([
        ['component:default/a', 'silver'],
        ['component:default/b', 'bronze'],
      ]);
      const b = await results.getResultsForEntity('component:default/b');
      expect(b.find(r => r.checkId === 'error-rate')?.status).toBe(
        'not-applicable',
      );
      expect(b.find(r => r.checkId === 'has-repo')?.status).toBe('fail');

      // Nothing changed: nothing is written.
      expect(await evaluation.sweep()).toMatchObject({
        written: 0,
        transitions: 0,
      });

      // The error rate regresses: a drop from silver to bronze naming the check.
      await facts.writeFacts([
        {
          entityRef: 'component:default/a',
          source: 'pushed',
          facts: { errorRate: 0.2 },
        },
      ]);
      const changed = await evaluation.evaluateEntities([
        'component:default/a',
      ]);
      expect(changed).toMatchObject({ entities: 1, transitions: 1 });
      expect(drops).toHaveLength(1);
      expect(drops[0]).toMatchObject({
        entityRef: 'component:default/a',
        from: 'silver',
        to: 'bronze',
        ownerRef: 'group:default/team-a',
        regressed: [
          expect.objectContaining({ checkId: 'error-rate', toStatus: 'fail' }),
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'reports a missing fact as an error that blocks the level on %p',
    async id => {
      const { facts, results, evaluation } = await setup(id);
      await facts.writeFacts([
        {
          entityRef: 'component:default/a',
          source: 'catalog',
          facts: componentFacts('a'),
        },
      ]);
      await evaluation.sweep();
      const [level] = await results.getLevels({
        scorecardRef: 'scorecard:default/basics',
      });
      expect(level).toMatchObject({ level: 'bronze', errored: 1 });
      const errorRate = (
        await results.getResultsForEntity('component:default/a')
      ).find(r => r.checkId === 'error-rate');
      expect(errorRate).toMatchObject({
        status: 'error',
        message: expect.stringContaining('missing fact pushed.errorRate'),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'counts an exempt check as passing on %p',
    async id => {
      const { facts, results, evaluation, setExempt } = await setup(id);
      await facts.writeFacts([
        {
          entityRef: 'component:default/a',
          source: 'catalog',
          facts: componentFacts('a', { repo: false }),
        },
        {
          entityRef: 'component:default/a',
          source: 'pushed',
          facts: { errorRate: 0 },
        },
      ]);
      await evaluation.sweep();
      expect(
        (
          await results.getLevels({ scorecardRef: 'scorecard:default/basics' })
        )[0].level,
      ).toBe('bronze');
      setExempt(
        new Set(['component:default/a|scorecard:default/basics|has-repo']),
      );
      await evaluation.evaluateEntities(['component:default/a']);
      expect(
        (
          await results.getLevels({ scorecardRef: 'scorecard:default/basics' })
        )[0].level,
      ).toBe('silver');
      const repo = (
        await results.getResultsForEntity('component:default/a')
      ).find(r => r.checkId === 'has-repo');
      expect(repo?.status).toBe('exempt');
    },
  );

  it.each(databases.eachSupportedId())(
    'removes results of entities a definition no longer applies to on %p',
    async id => {
      const { facts, results, evaluation } = await setup(id);
      await facts.writeFacts([
        {
          entityRef: 'component:default/a',
          source: 'catalog',
          facts: componentFacts('a'),
        },
      ]);
      await evaluation.sweep();
      expect(
        await results.getResultsForEntity('component:default/a'),
      ).toHaveLength(3);
      await facts.writeFacts([
        {
          entityRef: 'component:default/a',
          source: 'catalog',
          facts: { ...componentFacts('a'), kind: 'Resource' },
        },
      ]);
      await evaluation.evaluateEntities(['component:default/a']);
      expect(
        await results.getResultsForEntity('component:default/a'),
      ).toHaveLength(0);
    },
  );
});
