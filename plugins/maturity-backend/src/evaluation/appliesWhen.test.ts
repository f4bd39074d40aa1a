import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { compileDefinitions } from './definitions/compileDefinitions';
import { componentFacts, testScorecard } from './definitions/testDefinitions';
import { DatabaseResultStore } from './results/DatabaseResultStore';
import { EvaluationService } from './EvaluationService';

jest.setTimeout(60_000);

// A check that applies by a fact (the Kubernetes checks: kubernetes.found), not by an entity annotation.
const scorecard: Entity = {
  ...testScorecard,
  spec: {
    ...(testScorecard.spec as JsonObject),
    checks: [
      {
        id: 'probes',
        title: 'Has probes',
        level: 'bronze',
        category: 'reliability',
        appliesWhen: {
          fact: 'kubernetes.found',
          operator: 'equal',
          value: true,
        },
        rule: {
          fact: 'kubernetes.probes.liveness',
          operator: 'equal',
          value: true,
        },
      },
    ],
  } as unknown as JsonObject,
};

describe('a check with appliesWhen, evaluated with the entity facts', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });

  it.each(databases.eachSupportedId())(
    'applies where the rule over facts passes and is not applicable elsewhere, on %p',
    async id => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      const facts = DatabaseFactStore.fromKnex(knex);
      const results = DatabaseResultStore.fromKnex(knex);
      const evaluation = EvaluationService.create({
        facts,
        results,
        logger: mockServices.logger.mock(),
        definitions: {
          getDefinitions: async () => compileDefinitions([scorecard]),
        },
        exemptions: { activeFor: async () => new Set<string>() },
        onLevelDrops: async () => {},
      });
      const kubernetes = (entity: string, value: JsonObject) => ({
        entityRef: `component:default/${entity}`,
        source: 'kubernetes',
        facts: value,
      });
      await facts.writeFacts([
        ...['running', 'failing', 'nowhere', 'unknown'].map(name => ({
          entityRef: `component:default/${name}`,
          source: 'catalog',
          facts: componentFacts(name),
        })),
        kubernetes('running', { found: true, probes: { liveness: true } }),
        kubernetes('failing', { found: true, probes: { liveness: false } }),
        kubernetes('nowhere', { found: false }),
      ]);
      await evaluation.sweep();
      const statusOf = async (name: string) =>
        (await results.getResultsForEntity(`component:default/${name}`)).find(
          r => r.checkId === 'probes',
        )?.status;
      expect(await statusOf('running')).toBe('pass');
      expect(await statusOf('failing')).toBe('fail');
      expect(await statusOf('nowhere')).toBe('not-applicable');
      // No kubernetes facts at all: not applicable, never an error about a missing fact.
      expect(await statusOf('unknown')).toBe('not-applicable');
    },
  );
});
