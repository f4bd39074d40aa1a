import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import type { TargetRecord } from './targets';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const C = 'campaign:default/pip-to-poetry';
const at = (iso: string) => new Date(iso);

function target(
  entity: string,
  owner: string | null,
  state: TargetRecord['state'],
  extra: Partial<TargetRecord> = {},
): TargetRecord {
  return {
    campaignRef: C,
    entityRef: `component:default/${entity}`,
    owner,
    state,
    since: '2026-03-02T00:00:00.000Z',
    joinedAt: '2026-03-01T00:00:00.000Z',
    firstPassedAt: null,
    regressed: false,
    failing:
      state === 'failing'
        ? [{ checkId: 'uses-poetry', status: 'fail', message: 'pip found' }]
        : [],
    ...extra,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore, %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      return { knex, store: DatabaseCampaignStore.fromKnex(knex) };
    }

    it('stores transitions once, even when two writers race from the same state', async () => {
      const { store } = await setup();
      const created = await Promise.all([
        store.transition(C, {
          to: 'scheduled',
          cause: 'starts on 2026-03-01',
          at: at('2026-02-20T00:00:00Z'),
        }),
        store.transition(C, {
          to: 'scheduled',
          cause: 'starts on 2026-03-01',
          at: at('2026-02-20T00:00:00Z'),
        }),
      ]);
      expect(created.filter(Boolean)).toHaveLength(1);
      const moved = await Promise.all(
        [1, 2].map(() =>
          store.transition(C, {
            from: 'scheduled',
            to: 'inProgress',
            cause: 'start date 2026-03-01 reached',
            at: at('2026-03-01T00:00:00Z'),
          }),
        ),
      );
      expect(moved.filter(Boolean)).toHaveLength(1);
      expect(
        await store.transition(C, {
          from: 'inProgress',
          to: 'completed',
          cause: 'all 2 targets pass',
          at: at('2026-03-05T00:00:00Z'),
          completedChecks: ['uses-poetry'],
        }),
      ).toBe(true);
      expect(await store.getCampaign(C)).toMatchObject({
        state: 'completed',
        stateSince: '2026-03-05T00:00:00.000Z',
        completedAt: '2026-03-05T00:00:00.000Z',
        completedChecks: ['uses-poetry'],
      });
      expect(await store.getTransitions(C)).toEqual([
        {
          from: null,
          to: 'scheduled',
          at: '2026-02-20T00:00:00.000Z',
          cause: 'starts on 2026-03-01',
        },
        {
          from: 'scheduled',
          to: 'inProgress',
          at: '2026-03-01T00:00:00.000Z',
          cause: 'start date 2026-03-01 reached',
        },
        {
          from: 'inProgress',
          to: 'completed',
          at: '2026-03-05T00:00:00.000Z',
          cause: 'all 2 targets pass',
        },
      ]);
      await store.transition(C, {
        from: 'completed',
        to: 'inProgress',
        cause: 're-opened',
        at: at('2026-03-06T00:00:00Z'),
      });
      expect(await store.getCampaign(C)).toMatchObject({
        completedAt: null,
        completedChecks: null,
      });
    });

    it('keeps progress and per-owner progress in step with the targets', async () => {
      const { store } = await setup();
      await store.transition(C, {
        to: 'inProgress',
        cause: 'start',
        at: at('2026-03-01T00:00:00Z'),
      });
      const progress = await store.applyTargets(C, {
        upserts: [
          target('a', 'group:default/payments', 'failing'),
          target('b', 'group:default/payments', 'passing', {
            firstPassedAt: '2026-03-02T00:00:00.000Z',
          }),
          target('c', 'group:default/ledger', 'failing', {
            regressed: true,
            firstPassedAt: '2026-03-01T12:00:00.000Z',
          }),
          target('d', null, 'notStarted'),
        ],
        removals: [],
        at: at('2026-03-02T00:00:00Z'),
      });
      expect(progress).toEqual({
        targets: 4,
        passing: 1,
        exempt: 0,
        failing: 2,
        notStarted: 1,
        regressed: 1,
        ratio: 0.25,
      });
      // A target leaves (it no longer matches the filter) and another one passes.
      const next = await store.applyTargets(C, {
        upserts: [target('a', 'group:default/payments', 'exempt')],
        removals: ['component:default/d'],
        at: at('2026-03-03T00:00:00Z'),
      });
      expect(next).toMatchObject({ targets: 3, exempt: 1, notStarted: 0 });
      expect((await store.getCampaign(C))?.progress).toEqual(next);
      const owners = await store.ownerProgress(C);
      expect(
        owners.map(o => [o.owner, o.progress.targets, o.progress.ratio]).sort(),
      ).toEqual([
        ['group:default/ledger', 1, 0],
        ['group:default/payments', 2, 1],
      ]);
      expect(
        (await store.progressOfOwner('group:default/ledger')).get(C),
      ).toMatchObject({ failing: 1, regressed: 1 });

      const page = await store.pageTargets(C, { limit: 2, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.items.map(t => t.entityRef)).toEqual([
        'component:default/c',
        'component:default/a',
      ]);
      expect(page.items[0]).toEqual(
        target('c', 'group:default/ledger', 'failing', {
          regressed: true,
          firstPassedAt: '2026-03-01T12:00:00.000Z',
        }),
      );
      const filtered = await store.pageTargets(C, {
        owner: 'group:default/payments',
        state: 'passing',
        limit: 10,
        offset: 0,
      });
      expect(filtered.items.map(t => t.entityRef)).toEqual([
        'component:default/b',
      ]);
      const visible = await store.pageTargets(C, {
        entityRefs: ['component:default/b'],
        limit: 10,
        offset: 0,
      });
      expect(visible.total).toBe(1);
      expect(
        (await store.getTargets(C, ['component:default/a'])).map(t => t.state),
      ).toEqual(['exempt']);
      expect(await store.targetsOfEntity('component:default/d')).toEqual([]);
      expect((await store.targetRefs(C)).sort()).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
    });

    it('keeps the last burn-up point of each day, and forgets a deleted campaign', async () => {
      const { store } = await setup();
      await store.transition(C, {
        to: 'inProgress',
        cause: 'start',
        at: at('2026-03-01T00:00:00Z'),
      });
      const p = (passing: number, failing: number) => ({
        targets: passing + failing,
        passing,
        exempt: 0,
        failing,
        notStarted: 0,
        regressed: 0,
        ratio: passing / (passing + failing),
      });
      await store.snapshot(C, '2026-03-01', p(1, 3));
      await store.snapshot(C, '2026-03-02', p(1, 3));
      await store.snapshot(C, '2026-03-02', p(2, 2));
      expect(await store.getSnapshots(C, '2026-03-02')).toEqual([
        { day: '2026-03-02', targets: 4, done: 2, failing: 2, notStarted: 0 },
      ]);
      await store.setLastReminder(C, at('2026-03-02T10:00:00Z'));
      expect((await store.getCampaign(C))?.lastReminderAt).toBe(
        '2026-03-02T10:00:00.000Z',
      );
      await store.deleteCampaign(C);
      expect(await store.listCampaigns()).toEqual([]);
      expect(await store.getSnapshots(C, '2026-01-01')).toEqual([]);
    });
  },
);
