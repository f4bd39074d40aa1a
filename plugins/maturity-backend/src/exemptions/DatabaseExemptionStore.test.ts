import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseExemptionStore } from './DatabaseExemptionStore';

jest.setTimeout(60_000);

// PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const ENTITY = 'component:default/payment-gateway';
const OTHER = 'component:default/ledger';
const SC = 'scorecard:default/service-maturity';
const DAY = 86_400_000;

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  let now = new Date('2026-11-24T10:00:00.000Z');
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  return {
    knex,
    clock,
    store: DatabaseExemptionStore.fromKnex(knex, { now: clock.now }),
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseExemptionStore, %p',
  databaseId => {
    it('creates a request and audits it', async () => {
      const { store } = await setup(databaseId);
      const created = await store.create({
        entityRef: ENTITY,
        definitionRef: SC,
        checkId: 'has-docs',
        reason: 'Docs live in the wiki until Q1',
        requestedBy: 'user:default/alice',
      });

      expect(created).toMatchObject({
        entityRef: ENTITY,
        status: 'requested',
        requestedAt: '2026-11-24T10:00:00.000Z',
        active: false,
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await store.get(created.id)).toEqual(created);
      const [entry] = await store.audit();
      expect(entry).toMatchObject({
        actor: 'user:default/alice',
        action: 'exemption.requested',
        subject: {
          exemptionId: created.id,
          entityRef: ENTITY,
          definitionRef: SC,
          checkId: 'has-docs',
        },
        details: { reason: 'Docs live in the wiki until Q1', expiresAt: null },
      });
    });

    it('moves a status only from the expected ones, once', async () => {
      const { store } = await setup(databaseId);
      const { id } = await store.create({
        entityRef: ENTITY,
        definitionRef: SC,
        checkId: 'has-docs',
        reason: 'r',
        requestedBy: 'user:default/alice',
      });

      const approved = await store.decide(id, ['requested'], {
        status: 'approved',
        decidedBy: 'user:default/bob',
        comment: 'ok',
      });
      expect(approved).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
        decisionComment: 'ok',
        active: true,
      });
      // A second decision from 'requested' finds nothing to move.
      expect(
        await store.decide(id, ['requested'], {
          status: 'denied',
          decidedBy: 'user:default/carol',
        }),
      ).toBeUndefined();
      expect((await store.audit()).map(a => a.action)).toEqual([
        'exemption.approved',
        'exemption.requested',
      ]);
    });

    it('counts approved exemptions only until they expire, decided when read', async () => {
      const { store, clock } = await setup(databaseId);
      const expiring = await store.create({
        entityRef: ENTITY,
        definitionRef: SC,
        checkId: 'has-docs',
        reason: 'r',
        requestedBy: 'a',
        expiresAt: new Date(clock.now().getTime() + DAY),
      });
      const permanent = await store.create({
        entityRef: OTHER,
        definitionRef: SC,
        checkId: 'has-owner',
        reason: 'r',
        requestedBy: 'a',
      });
      await store.create({
        entityRef: ENTITY,
        definitionRef: SC,
        checkId: 'pending',
        reason: 'r',
        requestedBy: 'a',
      });
      await store.decide(expiring.id, ['requested'], {
        status: 'approved',
        decidedBy: 'b',
      });
      await store.decide(permanent.id, ['requested'], {
        status: 'approved',
        decidedBy: 'b',
      });

      expect(await store.activeFor([ENTITY, OTHER])).toEqual(
        new Set([`${ENTITY}|${SC}|has-docs`, `${OTHER}|${SC}|has-owner`]),
      );
      clock.advance(DAY + 1);
      expect(await store.activeFor([ENTITY, OTHER])).toEqual(
        new Set([`${OTHER}|${SC}|has-owner`]),
      );
      expect((await store.get(expiring.id))?.active).toBe(false);
      expect((await store.list({ activeOnly: true })).map(e => e.id)).toEqual([
        permanent.id,
      ]);
    });

    it('hands out each expired exemption once, with an audit entry', async () => {
      const { store, clock } = await setup(databaseId);
      const { id } = await store.create({
        entityRef: ENTITY,
        definitionRef: SC,
        checkId: 'has-docs',
        reason: 'r',
        requestedBy: 'a',
        expiresAt: new Date(clock.now().getTime() + DAY),
      });
      await store.decide(id, ['requested'], {
        status: 'approved',
        decidedBy: 'b',
      });
      expect(await store.claimExpired()).toEqual([]);

      clock.advance(2 * DAY);
      expect((await store.claimExpired()).map(e => e.id)).toEqual([id]);
      expect(await store.claimExpired()).toEqual([]);
      const [entry] = await store.audit({ limit: 1 });
      expect(entry).toMatchObject({
        actor: 'system',
        action: 'exemption.expired',
        subject: { exemptionId: id },
      });
    });

    it('lists by entity, definition and status, and pages the audit log', async () => {
      const { store, clock } = await setup(databaseId);
      for (let i = 0; i < 3; i++) {
        clock.advance(1000);
        await store.create({
          entityRef: i === 2 ? OTHER : ENTITY,
          definitionRef: SC,
          checkId: `c${i}`,
          reason: 'r',
          requestedBy: 'a',
        });
      }
      expect(
        (await store.list({ entityRef: ENTITY })).map(e => e.checkId),
      ).toEqual(['c1', 'c0']);
      expect(
        await store.list({ definitionRef: 'scorecard:default/other' }),
      ).toEqual([]);
      expect(await store.list({ status: ['approved'] })).toEqual([]);
      expect(
        await store.list({ status: ['requested'], limit: 2 }),
      ).toHaveLength(2);

      const all = await store.audit();
      expect(all).toHaveLength(3);
      const page = await store.audit({ before: all[0].id, limit: 5 });
      expect(page.map(a => a.id)).toEqual(all.slice(1).map(a => a.id));
    });

    it('filters by check and entities, counts, and pages the list', async () => {
      const { store, clock } = await setup(databaseId);
      const entities = Array.from(
        { length: 1200 },
        (_, i) => `component:default/e${i}`,
      );
      for (const [i, entityRef] of entities.slice(0, 5).entries()) {
        clock.advance(1000);
        await store.create({
          entityRef,
          definitionRef: SC,
          checkId: i < 4 ? 'has-docs' : 'has-owner',
          reason: 'r',
          requestedBy: 'a',
        });
      }
      const docs = { definitionRef: SC, checkId: 'has-docs' };
      expect(await store.count(docs)).toBe(4);
      expect(await store.count({ checkId: 'has-owner' })).toBe(1);
      expect((await store.entityRefs(docs)).sort()).toEqual(
        entities.slice(0, 4).sort(),
      );
      // Newest request first, pages adjoining.
      const first = await store.list({ ...docs, limit: 3 });
      const second = await store.list({ ...docs, limit: 3, offset: 3 });
      expect([...first, ...second].map(e => e.entityRef)).toEqual(
        entities.slice(0, 4).reverse(),
      );
      // A list of entities longer than a statement's IN list still filters in one query.
      const some = [...entities.slice(1, 3), ...entities.slice(10)];
      expect(await store.count({ ...docs, entityRefs: some })).toBe(2);
      expect(
        (await store.list({ ...docs, entityRefs: some })).map(e => e.entityRef),
      ).toEqual([entities[2], entities[1]]);
      expect(await store.count({ entityRefs: [] })).toBe(0);
    });
  },
);
