import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseResultStore } from './DatabaseResultStore';
import type { ResultWrite, StoredOutcome } from './ResultStore';

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

async function count(knex: Knex, table: string): Promise<number> {
  const [row] = await knex(table).count({ n: '*' });
  return Number(row.n);
}

const ref = (i: number) =>
  `component:default/svc-${String(i).padStart(5, '0')}`;
const SC = 'scorecard:default/production-readiness';
const CAMPAIGN = 'campaign:default/java-21';
const T1 = new Date('2026-11-20T10:00:00.000Z');
const T2 = new Date('2026-11-21T10:00:00.000Z');
const T3 = new Date('2026-11-22T10:00:00.000Z');

const pass: StoredOutcome = { status: 'pass', message: 'ok' };
const fail: StoredOutcome = {
  status: 'fail',
  message: 'no owner',
  failing: {
    path: 'all[0]',
    fact: 'catalog.owner.exists',
    operator: 'equal',
    expected: true,
    actual: false,
  },
};

function write(
  entity: number,
  checkId: string,
  outcome: StoredOutcome,
  evaluatedAt: Date,
  definitionRef = SC,
): ResultWrite {
  return {
    entityRef: ref(entity),
    definitionRef,
    checkId,
    outcome,
    evaluatedAt,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseResultStore, %p',
  databaseId => {
    it('stores first results with a transition from nothing', async () => {
      const { store } = await setup(databaseId);
      const summary = await store.applyResults([
        write(1, 'has-owner', fail, T1),
        write(1, 'has-docs', pass, T1),
      ]);

      expect(summary.written).toBe(2);
      expect(summary.transitions).toEqual([
        {
          entityRef: ref(1),
          definitionRef: SC,
          checkId: 'has-owner',
          fromStatus: null,
          toStatus: 'fail',
          message: 'no owner',
          at: T1.toISOString(),
        },
        {
          entityRef: ref(1),
          definitionRef: SC,
          checkId: 'has-docs',
          fromStatus: null,
          toStatus: 'pass',
          message: 'ok',
          at: T1.toISOString(),
        },
      ]);
      expect(await store.getResultsForEntity(ref(1))).toEqual([
        {
          entityRef: ref(1),
          definitionRef: SC,
          checkId: 'has-docs',
          status: 'pass',
          message: 'ok',
          evaluatedAt: T1.toISOString(),
          since: T1.toISOString(),
        },
        {
          entityRef: ref(1),
          definitionRef: SC,
          checkId: 'has-owner',
          status: 'fail',
          message: 'no owner',
          failing: fail.failing,
          evaluatedAt: T1.toISOString(),
          since: T1.toISOString(),
        },
      ]);
    });

    it('writes nothing when nothing changed, whatever the key order of the failing condition', async () => {
      const { knex, store } = await setup(databaseId);
      await store.applyResults([write(1, 'has-owner', fail, T1)]);
      const reordered: StoredOutcome = {
        message: 'no owner',
        failing: {
          actual: false,
          expected: true,
          operator: 'equal',
          fact: 'catalog.owner.exists',
          path: 'all[0]',
        },
        status: 'fail',
      };

      const summary = await store.applyResults([
        write(1, 'has-owner', reordered, T2),
      ]);

      expect(summary).toEqual({ transitions: [], written: 0, deleted: 0 });
      expect(await count(knex, 'maturity_result_transitions')).toBe(1);
      const [stored] = await store.getResultsForEntity(ref(1));
      expect(stored.evaluatedAt).toBe(T1.toISOString());
    });

    it('keeps since and logs no transition when only the message changes', async () => {
      const { store } = await setup(databaseId);
      await store.applyResults([
        write(1, 'replicas', { status: 'fail', message: '1 replica' }, T1),
      ]);

      const summary = await store.applyResults([
        write(1, 'replicas', { status: 'fail', message: '0 replicas' }, T2),
      ]);

      expect(summary).toEqual({ transitions: [], written: 1, deleted: 0 });
      const [stored] = await store.getResultsForEntity(ref(1));
      expect(stored).toMatchObject({
        message: '0 replicas',
        since: T1.toISOString(),
        evaluatedAt: T2.toISOString(),
      });
    });

    it('logs a transition and moves since when the status changes', async () => {
      const { store } = await setup(databaseId);
      await store.applyResults([
        write(1, 'has-owner', fail, T1),
        write(2, 'has-owner', fail, T1),
      ]);
      await store.applyResults([
        write(1, 'has-owner', pass, T2),
        write(2, 'has-owner', fail, T2),
      ]);
      const summary = await store.applyResults([
        write(
          1,
          'has-owner',
          { status: 'exempt', message: 'exempt until 2027' },
          T3,
        ),
      ]);

      expect(summary.transitions).toEqual([
        expect.objectContaining({
          fromStatus: 'pass',
          toStatus: 'exempt',
          at: T3.toISOString(),
        }),
      ]);
      const [first] = await store.getResultsForEntity(ref(1));
      expect(first).toMatchObject({
        status: 'exempt',
        since: T3.toISOString(),
      });
      expect(first.failing).toBeUndefined();
      const [second] = await store.getResultsForEntity(ref(2));
      expect(second).toMatchObject({ status: 'fail', since: T1.toISOString() });

      const history = await store.getTransitions({ entityRef: ref(1) });
      expect(history.map(t => [t.fromStatus, t.toStatus])).toEqual([
        ['pass', 'exempt'],
        ['fail', 'pass'],
        [null, 'fail'],
      ]);
      expect(
        await store.getTransitions({
          definitionRef: SC,
          checkId: 'has-owner',
          limit: 2,
        }),
      ).toHaveLength(2);
      expect(await store.getTransitions({ entityRef: ref(2) })).toHaveLength(1);
    });

    it('deletes results of a scope that the new set leaves out', async () => {
      const { store } = await setup(databaseId);
      await store.applyResults([
        write(1, 'a', pass, T1),
        write(1, 'b', pass, T1),
        write(2, 'a', pass, T1),
        write(2, 'b', fail, T1),
        write(1, 'x', pass, T1, CAMPAIGN),
      ]);

      // Check `b` was removed from the scorecard: a sweep of the scorecard no longer produces it.
      const bySweep = await store.applyResults(
        [write(1, 'a', pass, T2), write(2, 'a', pass, T2)],
        { scope: { definitionRefs: [SC] } },
      );
      expect(bySweep).toEqual({ transitions: [], written: 0, deleted: 2 });
      expect(
        (await store.getResultsForEntity(ref(1))).map(r => r.checkId),
      ).toEqual(['x', 'a']);

      // Entity 2 is no longer matched by the scorecard: its evaluation produces nothing in scope.
      const byEntity = await store.applyResults([], {
        scope: { entityRefs: [ref(2)], definitionRefs: [SC] },
      });
      expect(byEntity.deleted).toBe(1);
      expect(await store.getResultsForEntity(ref(2))).toEqual([]);

      // Without a scope nothing is deleted; the campaign's results were never in scope.
      await store.applyResults([write(1, 'a', fail, T3)]);
      expect(await store.getResultsForEntity(ref(1))).toHaveLength(2);
      const byEntityOnly = await store.applyResults([write(1, 'a', fail, T3)], {
        scope: { entityRefs: [ref(1)] },
      });
      expect(byEntityOnly.deleted).toBe(1);
      expect(
        (await store.getResultsForEntity(ref(1))).map(r => r.checkId),
      ).toEqual(['a']);
    });

    it('pages, filters and counts the results of a check', async () => {
      const { store } = await setup(databaseId);
      const writes: ResultWrite[] = [];
      for (let i = 0; i < 1200; i++) {
        writes.push(write(i, 'has-owner', i % 3 === 0 ? fail : pass, T1));
        writes.push(
          write(
            i,
            'has-docs',
            i % 2 === 0 ? pass : { status: 'error', message: 'boom' },
            T1,
          ),
        );
      }
      await store.applyResults(writes);

      const page = await store.getResultsForCheck(SC, 'has-owner', {
        status: 'fail',
        limit: 10,
        offset: 10,
      });
      expect(page.total).toBe(400);
      expect(page.items.map(r => r.entityRef)).toEqual(
        Array.from({ length: 10 }, (_, k) => ref((10 + k) * 3)),
      );
      const some = await store.getResultsForCheck(SC, 'has-owner', {
        entityRefs: [ref(0), ref(1), ref(2)],
        status: ['pass', 'fail'],
      });
      expect(some.items.map(r => [r.entityRef, r.status])).toEqual([
        [ref(0), 'fail'],
        [ref(1), 'pass'],
        [ref(2), 'pass'],
      ]);
      // More entity refs than one bind list takes.
      const many = Array.from({ length: 1000 }, (_, i) => ref(i));
      const filtered = await store.getResultsForCheck(SC, 'has-owner', {
        entityRefs: many,
        limit: 5,
      });
      expect(filtered.total).toBe(1000);
      expect(filtered.items).toHaveLength(5);

      expect(await store.countByStatus(SC)).toEqual({
        'has-owner': {
          pass: 800,
          fail: 400,
          error: 0,
          'not-applicable': 0,
          exempt: 0,
        },
        'has-docs': {
          pass: 600,
          fail: 0,
          error: 600,
          'not-applicable': 0,
          exempt: 0,
        },
      });
      expect(await store.countByStatus(CAMPAIGN)).toEqual({});
    });

    it('writes 2,500 entities across chunks and rewrites nothing on a resend', async () => {
      const { knex, store } = await setup(databaseId);
      const writes: ResultWrite[] = [];
      for (let i = 0; i < 2500; i++) {
        writes.push(write(i, 'a', pass, T1), write(i, 'b', fail, T1));
      }
      expect((await store.applyResults(writes)).transitions).toHaveLength(5000);
      const again = await store.applyResults(
        writes.map(w => ({ ...w, evaluatedAt: T2 })),
        { scope: { entityRefs: writes.map(w => w.entityRef) } },
      );
      expect(again).toEqual({ transitions: [], written: 0, deleted: 0 });
      expect(await count(knex, 'maturity_results')).toBe(5000);
    });

    it('writes nothing of a batch that fails midway', async () => {
      const { knex, store } = await setup(databaseId);
      await store.applyResults([write(0, 'a', fail, T1)]);
      const writes: ResultWrite[] = [];
      for (let i = 0; i < 2500; i++) {
        writes.push(write(i, 'a', pass, T2));
      }
      // A NOT NULL violation in the last row, after earlier chunks have been written.
      writes.push(
        write(
          9999,
          'a',
          { status: 'pass', message: null as unknown as string },
          T2,
        ),
      );

      await expect(
        store.applyResults(writes, { scope: { definitionRefs: [SC] } }),
      ).rejects.toEqual(expect.anything()); // see DatabaseFactStore.test.ts on .toThrow()

      expect(await count(knex, 'maturity_results')).toBe(1);
      expect(await count(knex, 'maturity_result_transitions')).toBe(1);
      const [stored] = await store.getResultsForEntity(ref(0));
      expect(stored).toMatchObject({ status: 'fail', since: T1.toISOString() });
    });

    it('deletes entities and prunes old transitions', async () => {
      const { knex, store } = await setup(databaseId);
      await store.applyResults([
        write(1, 'a', pass, T1),
        write(2, 'a', pass, T1),
      ]);
      await store.writeLevels([
        {
          entityRef: ref(1),
          scorecardRef: SC,
          level: 'bronze',
          levelIndex: 0,
          passed: 1,
          failed: 0,
          errored: 0,
          total: 1,
        },
      ]);

      await store.deleteEntities([ref(1)]);

      expect(await store.getResultsForEntity(ref(1))).toEqual([]);
      expect(await store.getTransitions({ entityRef: ref(1) })).toEqual([]);
      expect(await store.getLevels({ scorecardRef: SC })).toEqual([]);
      expect(await store.getResultsForEntity(ref(2))).toHaveLength(1);

      await knex('maturity_result_transitions').update({
        at: new Date(Date.now() - 100 * 86_400_000),
      });
      await store.applyResults([write(2, 'a', fail, new Date())]);
      expect(await store.pruneTransitions({ maxAge: { days: 90 } })).toBe(1);
      expect(await store.getTransitions()).toEqual([
        expect.objectContaining({
          entityRef: ref(2),
          fromStatus: 'pass',
          toStatus: 'fail',
        }),
      ]);
    });
  },
);
