import { TestDatabases } from '@backstage/backend-test-utils';
import { campaignHarness, poetryCampaign } from './__testUtils__/harness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const C = 'campaign:default/pip-to-poetry';

describe.each(databases.eachSupportedId())('CampaignService, %p', id => {
  it('tracks targets from the live filter, per owner, and completes when every target passes', async () => {
    const h = await campaignHarness(databases, id, [poetryCampaign()]);
    await h.push([
      { name: 'a', team: 'payments', poetry: true },
      { name: 'b', team: 'payments' },
      { name: 'c', team: 'ledger' },
      { name: 'lib', team: 'ledger', type: 'library' },
    ]);
    expect(await h.store.getCampaign(C)).toMatchObject({
      state: 'inProgress',
      progress: { targets: 3, passing: 1, failing: 2, ratio: 1 / 3 },
    });
    expect(
      (await h.store.ownerProgress(C))
        .map(o => [o.owner, o.progress.passing, o.progress.targets])
        .sort(),
    ).toEqual([
      ['group:default/ledger', 0, 1],
      ['group:default/payments', 1, 2],
    ]);
    const [b] = await h.store.getTargets(C, ['component:default/b']);
    expect(b).toMatchObject({
      title: 'B',
      owner: 'group:default/payments',
      state: 'failing',
      firstPassedAt: null,
      failing: [
        {
          checkId: 'uses-poetry',
          status: 'fail',
          failing: { fact: 'pushed.packageManager', actual: 'pip' },
        },
      ],
    });

    // A new matching service joins on its first evaluation; a service that stops matching leaves.
    h.clock.set('2026-03-03T09:00:00.000Z');
    await h.push([
      { name: 'd', team: 'ledger', poetry: true },
      { name: 'c', team: 'ledger', type: 'library' },
    ]);
    expect((await h.store.getCampaign(C))?.progress).toMatchObject({
      targets: 3,
      passing: 2,
      failing: 1,
    });

    h.clock.set('2026-03-04T09:00:00.000Z');
    await h.push([{ name: 'b', team: 'payments', poetry: true }]);
    const done = await h.store.getCampaign(C);
    expect(done).toMatchObject({
      state: 'completed',
      completedAt: '2026-03-04T09:00:00.000Z',
      completedChecks: ['uses-poetry'],
    });
    expect((await h.store.getTransitions(C)).map(t => [t.to, t.cause])).toEqual(
      [
        ['inProgress', 'start date 2026-03-01 reached'],
        ['completed', 'all 3 targets pass'],
      ],
    );

    // A regression after completion does not re-open it; a target that joins later does.
    h.clock.set('2026-03-05T09:00:00.000Z');
    await h.push([{ name: 'a', team: 'payments', poetry: false }]);
    const [a] = await h.store.getTargets(C, ['component:default/a']);
    expect(a).toMatchObject({ regressed: true, state: 'failing' });
    expect((await h.store.getCampaign(C))?.state).toBe('completed');
    await h.push([{ name: 'e', team: 'ledger' }]);
    expect((await h.store.getTransitions(C)).pop()).toMatchObject({
      from: 'completed',
      to: 'inProgress',
      cause: 're-opened: the definition changed and 1 target must do new work',
    });
  });

  it('moves through time, keeps one burn-up point per day and goes delayed past the due date', async () => {
    const h = await campaignHarness(databases, id, [poetryCampaign()]);
    h.clock.set('2026-02-20T09:00:00.000Z');
    const services = ['a', 'b', 'c', 'd'].map(name => ({
      name,
      team: 'payments',
      poetry: false,
    }));
    await h.push(services);
    expect((await h.store.getCampaign(C))?.state).toBe('scheduled');
    for (let day = 1; day <= 3; day++) {
      h.clock.set(`2026-03-0${day}T09:00:00.000Z`);
      services[day - 1].poetry = true;
      await h.push([services[day - 1]]);
      await h.campaigns.refreshAll();
      await h.campaigns.refreshAll();
    }
    expect(await h.store.getSnapshots(C, '2026-01-01')).toEqual([
      { day: '2026-03-01', targets: 4, done: 1, failing: 3, notStarted: 0 },
      { day: '2026-03-02', targets: 4, done: 2, failing: 2, notStarted: 0 },
      { day: '2026-03-03', targets: 4, done: 3, failing: 1, notStarted: 0 },
    ]);
    h.clock.set('2026-04-01T00:00:00.000Z');
    await h.campaigns.refreshAll();
    expect((await h.store.getTransitions(C)).map(t => t.to)).toEqual([
      'scheduled',
      'inProgress',
      'delayed',
    ]);
  });

  it('forgets a campaign removed from the catalog', async () => {
    const h = await campaignHarness(databases, id, [poetryCampaign()]);
    await h.push([{ name: 'a', team: 'payments' }]);
    h.definitions.length = 0;
    await h.campaigns.refreshAll();
    expect(await h.store.listCampaigns()).toEqual([]);
  });
});
