import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import { DatabaseFactStore } from './DatabaseFactStore';
import { FactCollector } from './FactCollector';
import { FactIntake } from './FactIntake';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const SERVICE = 'component:default/payments';
const LIBRARY = 'component:default/money-lib';
const GROUP = 'group:default/team-a';

const catalogFacts = (kind: string, type?: string): JsonObject => ({
  kind,
  metadata: { name: 'x', namespace: 'default' },
  spec: type ? { type } : {},
});

/** A collected source that reports for every entity asked, but only covers services. */
function servicesOnlySource(): FactSource & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    id: 'deploys',
    mode: 'collect',
    schema: { type: 'object' },
    entityFilter: { kind: 'Component', type: 'service' },
    asked,
    async collect({ entityRefs }) {
      asked.push(entityRefs ?? []);
      return [SERVICE, LIBRARY, GROUP].map(entityRef => ({
        entityRef,
        facts: { replicas: 2 },
      }));
    },
  };
}

async function setup(
  databaseId: Parameters<typeof databases.init>[0],
  sources: FactSource[],
) {
  const knex = await databases.init(databaseId);
  const facts = await DatabaseFactStore.create({
    database: { getClient: async () => knex },
  });
  const changed: string[][] = [];
  const intake = new FactIntake({
    facts,
    sources,
    onFactsChanged: async refs => {
      changed.push([...refs].sort());
      return { evaluations: refs.length };
    },
  });
  await intake.write([
    {
      entityRef: SERVICE,
      source: 'catalog',
      facts: catalogFacts('Component', 'service'),
    },
    {
      entityRef: LIBRARY,
      source: 'catalog',
      facts: catalogFacts('Component', 'library'),
    },
  ]);
  changed.length = 0;
  return { facts, intake, changed };
}

describe('FactIntake', () => {
  it.each(databases.eachSupportedId())(
    'stores only facts of entities inside the source filter and re-evaluates those, %p',
    async databaseId => {
      const source = servicesOnlySource();
      const { facts, intake, changed } = await setup(databaseId, [source]);
      const result = await intake.write([
        { entityRef: SERVICE, source: 'deploys', facts: { replicas: 3 } },
        { entityRef: LIBRARY, source: 'deploys', facts: { replicas: 3 } },
        // No catalog facts yet (a brand-new entity): the filter cannot be judged, so the facts are kept.
        { entityRef: GROUP, source: 'deploys', facts: { replicas: 3 } },
        { entityRef: LIBRARY, source: 'unfiltered', facts: { a: 1 } },
      ]);
      expect(result).toMatchObject({
        unchanged: 0,
        outOfScope: 1,
        entityRefs: [SERVICE, GROUP, LIBRARY],
        evaluations: 3,
      });
      expect(changed).toEqual([[GROUP, LIBRARY, SERVICE].sort()]);
      const stored = await facts.getFacts([SERVICE, LIBRARY, GROUP]);
      expect(stored.get(SERVICE)?.deploys).toEqual({ replicas: 3 });
      expect(stored.get(LIBRARY)?.deploys).toBeUndefined();
      expect(stored.get(LIBRARY)?.unfiltered).toEqual({ a: 1 });
      expect(stored.get(GROUP)?.deploys).toEqual({ replicas: 3 });
    },
  );

  it.each(databases.eachSupportedId())(
    'judges an entity by catalog facts written in the same batch, %p',
    async databaseId => {
      const { facts, intake } = await setup(databaseId, [servicesOnlySource()]);
      await intake.write([
        {
          entityRef: GROUP,
          source: 'catalog',
          facts: catalogFacts('Component', 'service'),
        },
        { entityRef: GROUP, source: 'deploys', facts: { replicas: 1 } },
      ]);
      expect((await facts.getFacts([GROUP])).get(GROUP)?.deploys).toEqual({
        replicas: 1,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'calls nobody when nothing changed, unless asked to re-evaluate, %p',
    async databaseId => {
      const { intake, changed } = await setup(databaseId, []);
      const write = { entityRef: SERVICE, source: 'pushed', facts: { a: 1 } };
      await intake.write([write]);
      const again = await intake.write([write]);
      expect(again).toMatchObject({
        unchanged: 1,
        entityRefs: [],
        evaluations: 0,
      });
      await intake.write([write], { reevaluate: [LIBRARY] });
      expect(changed).toEqual([[SERVICE], [LIBRARY]]);
    },
  );
});

describe('FactCollector', () => {
  it.each(databases.eachSupportedId())(
    'collects only collect sources, keeping each to its entity filter, %p',
    async databaseId => {
      const deploys = servicesOnlySource();
      const pushOnly: FactSource = {
        id: 'ci',
        mode: 'push',
        schema: { type: 'object' },
        collect: async () => {
          throw new Error('a push source must never be collected');
        },
      };
      const { facts, intake, changed } = await setup(databaseId, [
        deploys,
        pushOnly,
      ]);
      const collector = new FactCollector({
        sources: [deploys, pushOnly],
        intake,
        logger: mockServices.logger.mock(),
      });
      expect(collector.collectedSources().map(s => s.id)).toEqual(['deploys']);
      expect(await collector.collect('ci')).toEqual({
        changed: 0,
        unchanged: 0,
      });
      expect(await collector.collect('deploys')).toEqual({
        changed: 2,
        unchanged: 0,
      });
      // The group has no catalog facts yet, so its facts are kept rather than lost until the next run.
      expect(changed).toEqual([[GROUP, SERVICE].sort()]);
      const stored = await facts.getFacts([SERVICE, LIBRARY, GROUP]);
      expect(stored.get(SERVICE)?.deploys).toEqual({ replicas: 2 });
      expect(stored.get(LIBRARY)?.deploys).toBeUndefined();

      // On demand, every collect source is asked and the asked entities are evaluated even if unchanged.
      const onDemand = await collector.collectFor([LIBRARY]);
      expect(deploys.asked.at(-1)).toEqual([LIBRARY]);
      expect(onDemand).toMatchObject({ outOfScope: 1, entityRefs: [LIBRARY] });
      expect(changed.at(-1)).toEqual([LIBRARY]);
    },
  );

  it('refuses a collect source without collect()', () => {
    expect(
      () =>
        new FactCollector({
          sources: [{ id: 'broken', mode: 'collect', schema: {} }],
          intake: {} as FactIntake,
          logger: mockServices.logger.mock(),
        }),
    ).toThrow("Fact source 'broken' has mode 'collect' but no collect()");
  });
});
