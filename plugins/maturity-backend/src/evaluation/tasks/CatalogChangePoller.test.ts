import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { databases } from '../../__testUtils__/fixture';
import { ESTATE, SCORECARD } from '../../__testUtils__/estate';
import { applyDatabaseMigrations } from '../../database/migrations';
import { PushedFactSource } from '../../facts/push/PushedFactSource';
import { CatalogFactSource } from '../../facts/sources/catalog/CatalogFactSource';
import { composeMaturity } from '../../plugin';
import { CatalogChangePoller } from './CatalogChangePoller';

jest.setTimeout(60_000);

/** A catalog whose content the test replaces, as the catalog backend's stitching would. */
function changingCatalog(initial: Entity[]) {
  let entities = initial;
  let current = catalogServiceMock({ entities });
  const catalog: CatalogService = catalogServiceMock.mock({
    getEntityByRef: (ref, o) => current.getEntityByRef(ref, o),
    getEntitiesByRefs: (r, o) => current.getEntitiesByRefs(r, o),
    getEntities: (r, o) => current.getEntities(r, o),
    queryEntities: (r, o) => current.queryEntities(r, o),
    streamEntities: (r, o) => current.streamEntities(r, o),
  });
  return {
    catalog,
    set(next: Entity[]) {
      entities = next;
      current = catalogServiceMock({ entities });
    },
    get entities() {
      return entities;
    },
  };
}

const withEtag = (entity: Entity, etag: string): Entity => ({
  ...entity,
  metadata: { ...entity.metadata, etag },
});

const NEW_SERVICE: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fresh-service', namespace: 'default', etag: 'e1' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

describe.each(databases.eachSupportedId())('CatalogChangePoller (%s)', id => {
  async function setup() {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const changing = changingCatalog(
      ESTATE.map((e, i) => withEtag(e, `v1-${i}`)),
    );
    const auth = mockServices.auth();
    const logger = mockServices.logger.mock();
    const maturity = await composeMaturity({
      db: knex,
      logger,
      auth,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      catalog: changing.catalog,
      sources: [
        CatalogFactSource.create({ catalog: changing.catalog, auth }),
        PushedFactSource.fromConfig(new ConfigReader({})),
      ],
    });
    // The state after the first scheduled catalog collection.
    await maturity.collector.collect('catalog');
    const sweep = jest.spyOn(maturity.evaluation, 'sweep');
    const collectFor = jest.spyOn(maturity.collector, 'collectFor');
    const poller = CatalogChangePoller.create({
      catalog: changing.catalog,
      auth,
      facts: maturity.facts,
      collector: maturity.collector,
      removeEntities: maturity.removeEntities,
      logger,
    });
    return { maturity, changing, poller, sweep, collectFor };
  }

  it('finds nothing to do right after a full collection (seeded from the stored facts)', async () => {
    const { poller, collectFor } = await setup();
    expect(await poller.poll()).toEqual({
      changed: [],
      full: false,
      removed: [],
    });
    expect(collectFor).not.toHaveBeenCalled();
  });

  it('evaluates a new entity on the next poll, without waiting for the sweep, and today follows', async () => {
    const { maturity, changing, poller, sweep, collectFor } = await setup();
    await poller.poll();
    const day = new Date().toISOString().slice(0, 10);
    await maturity.results.snapshotLevels(day);

    changing.set([...changing.entities, NEW_SERVICE]);
    const ref = 'component:default/fresh-service';
    expect(await maturity.results.getResultsForEntity(ref)).toEqual([]);
    const started = process.hrtime.bigint();
    const polled = await poller.poll();
    const results = await maturity.results.getResultsForEntity(ref);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The figure for the note; the poll itself runs every 5 s, so first results follow within ~5-10 s.
    process.stdout.write(
      `[${id}] new entity → first results in one poll: ${ms.toFixed(1)} ms (${
        results.length
      } results)\n`,
    );

    expect(polled).toEqual({ changed: [ref], full: false, removed: [] });
    expect(collectFor).toHaveBeenCalledWith([ref]);
    expect(sweep).not.toHaveBeenCalled();
    expect(results.some(r => r.definitionRef === SCORECARD)).toBe(true);
    const [level] = await maturity.results.getLevels({
      scorecardRef: SCORECARD,
      entityRefs: [ref],
    });
    expect(level).toBeDefined();
    // Today's snapshot (the trend's today) holds the new entity's level already.
    const history = await maturity.results.getLevelHistory(ref, SCORECARD, day);
    expect(history).toEqual([
      expect.objectContaining({ day, level: level.level }),
    ]);
  });

  it('re-collects only an entity whose etag moved, and not again once seen', async () => {
    const { maturity, changing, poller, collectFor } = await setup();
    await poller.poll();
    const ref = 'component:default/ledger';
    changing.set(
      changing.entities.map(e =>
        e.metadata.name === 'ledger'
          ? {
              ...withEtag(e, 'v2'),
              metadata: {
                ...e.metadata,
                etag: 'v2',
                annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
              },
            }
          : e,
      ),
    );
    const before = await maturity.results.getResultsForEntity(ref);

    expect(await poller.poll()).toEqual({
      changed: [ref],
      full: false,
      removed: [],
    });
    expect(collectFor).toHaveBeenCalledTimes(1);
    const after = await maturity.results.getResultsForEntity(ref);
    expect(after).not.toEqual(before);

    expect(await poller.poll()).toEqual({
      changed: [],
      full: false,
      removed: [],
    });
    expect(collectFor).toHaveBeenCalledTimes(1);
  });

  it('also re-collects the entities a changed one relates to (a new Group makes its Components owned)', async () => {
    const { maturity, changing, poller, collectFor } = await setup();
    await poller.poll();
    const orphan = 'component:default/orphan';
    const ownerCheck = async () =>
      (await maturity.results.getResultsForEntity(orphan)).find(
        r => r.definitionRef === SCORECARD && r.checkId === 'has-owner',
      )?.status;
    expect(await ownerCheck()).toBe('fail');
    const ghosts: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'ghosts', namespace: 'default', etag: 'g1' },
      spec: { type: 'team', children: [] },
      // As the catalog stitches it: the Component's processor emitted ownerOf from the Group.
      relations: [{ type: 'ownerOf', targetRef: orphan }],
    };
    changing.set([...changing.entities, ghosts]);

    expect(await poller.poll()).toEqual({
      changed: ['group:default/ghosts'],
      full: false,
      removed: [],
    });
    expect(collectFor).toHaveBeenCalledWith(['group:default/ghosts', orphan]);
    expect(await ownerCheck()).toBe('pass');
  });

  it('collects the whole catalog source once when more changed than the threshold', async () => {
    const { maturity, changing } = await setup();
    const collect = jest.spyOn(maturity.collector, 'collect');
    const poller = CatalogChangePoller.create({
      catalog: changing.catalog,
      auth: mockServices.auth(),
      facts: maturity.facts,
      collector: maturity.collector,
      logger: mockServices.logger.mock(),
      fullCollectionThreshold: 1,
    });
    changing.set(changing.entities.map((e, i) => withEtag(e, `v3-${i}`)));
    const polled = await poller.poll();
    expect(polled.full).toBe(true);
    expect(polled.changed).toHaveLength(changing.entities.length);
    expect(collect).toHaveBeenCalledWith('catalog', { signal: undefined });
  });

  it('removes an entity deleted from the catalog on the next poll, not at the next sweep', async () => {
    const { maturity, changing, poller } = await setup();
    changing.set([...changing.entities, NEW_SERVICE]);
    await poller.poll();
    const ref = 'component:default/fresh-service';
    expect(await maturity.results.getResultsForEntity(ref)).not.toEqual([]);

    changing.set(
      changing.entities.filter(e => e.metadata.name !== 'fresh-service'),
    );
    expect(await poller.poll()).toEqual({
      changed: [],
      full: false,
      removed: [ref],
    });
    expect(await maturity.results.getResultsForEntity(ref)).toEqual([]);
    expect(
      await maturity.results.getLevels({
        scorecardRef: SCORECARD,
        entityRefs: [ref],
      }),
    ).toEqual([]);
    expect((await maturity.facts.getFacts([ref])).size).toBe(0);
    expect(await maturity.facts.listEntityRefs()).not.toContain(ref);
  });

  it('leaves a mass disappearance (a catalog answering a partial list) to the sweep', async () => {
    const { maturity, changing, poller } = await setup();
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...NEW_SERVICE,
      metadata: { ...NEW_SERVICE.metadata, name: `bulk-${i}` },
    }));
    const before = changing.entities;
    changing.set([...before, ...many]);
    await poller.poll();
    changing.set(before);
    expect((await poller.poll()).removed).toEqual([]);
    expect(
      await maturity.results.getResultsForEntity('component:default/bulk-0'),
    ).not.toEqual([]);
  });
});
