import { TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  campaignHarness,
  campaignInstance,
  poetryCampaign,
} from './__testUtils__/harness';
import { CompiledCampaign } from './CampaignService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const C = 'campaign:default/pip-to-poetry';
const DAY = 86_400_000;

const recipientsOf = (n: NotificationSendOptions) =>
  n.recipients.type === 'entity' ? String(n.recipients.entityRef) : '';

describe.each(databases.eachSupportedId())('CampaignNotifier, %p', id => {
  it('two replicas send exactly one reminder per owner per cycle over 120 daily cycles', async () => {
    const campaign = poetryCampaign({
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      reminders: { every: 'P1D' },
    });
    const h = await campaignHarness(databases, id, [campaign]);
    h.clock.set('2026-01-01T00:30:00.000Z');
    await h.push([
      { name: 'a', team: 'payments' },
      { name: 'b', team: 'payments' },
      { name: 'c', team: 'ledger' },
      { name: 'd', team: 'search' },
      { name: 'e', team: null },
    ]);
    // The second replica: its own stores, notifier and send log on the same database.
    const replica = campaignInstance(h.knex, h.clock, () => [campaign], h.sent);
    const compiled = [...(await h.campaigns.campaigns()).values()];
    // One failed delivery on day 30: its claim is given back and the next run of the cycle retries it.
    let failOnDay: number | undefined = 30;
    let today = 0;
    const record = h.sent.push.bind(h.sent);
    h.sent.push = (...items: NotificationSendOptions[]) => {
      if (failOnDay === today) {
        failOnDay = undefined;
        throw new Error('notifications backend down');
      }
      return record(...items);
    };
    const cycles = 120;
    for (let day = 0; day < cycles; day++) {
      today = day;
      h.clock.set(
        new Date(Date.parse('2026-01-01T01:00:00Z') + day * DAY).toISOString(),
      );
      if (day === 60) {
        await h.push([{ name: 'd', team: 'search', poetry: true }]);
      }
      await Promise.all([
        h.notifier.sendDueReminders(compiled),
        replica.notifier.sendDueReminders(compiled),
        h.notifier.sendDueReminders(compiled),
      ]);
      // Later in the same cycle: nothing new.
      h.clock.set(
        new Date(h.clock.now().getTime() + 12 * 3600_000).toISOString(),
      );
      await Promise.all([
        h.notifier.sendDueReminders(compiled),
        replica.notifier.sendDueReminders(compiled),
      ]);
    }
    const perOwner = new Map<string, number>();
    for (const n of h.sent) {
      const owner = recipientsOf(n);
      perOwner.set(owner, (perOwner.get(owner) ?? 0) + 1);
    }
    expect(Object.fromEntries(perOwner)).toEqual({
      'group:default/payments': cycles,
      'group:default/ledger': cycles,
      'group:default/search': 60,
    });
    const payments = h.sent.find(
      n => recipientsOf(n) === 'group:default/payments',
    )!;
    expect(payments.payload).toMatchObject({
      title: 'Poetry: 2 targets of payments due 2026-12-31',
      severity: 'normal',
      link: '/campaigns/default/pip-to-poetry',
      scope: `maturity-campaign:${C}:group:default/payments`,
    });
    expect(payments.payload.description).toContain(
      '• A — Uses Poetry: pushed.packageManager is "pip", expected equal "poetry"',
    );
    expect(payments.payload.description).toContain(
      'What to do: Run `poetry init` and commit poetry.lock.',
    );
    expect((await h.store.getCampaign(C))?.lastReminderAt).not.toBeNull();
  });

  it('rate-limits nudges per owner and alerts the owner of a regression with the changed fact', async () => {
    const h = await campaignHarness(databases, id, [poetryCampaign()]);
    await h.push([
      { name: 'a', team: 'payments', poetry: true },
      { name: 'b', team: 'ledger' },
      { name: 'c', team: 'search' },
    ]);
    const campaign = (await h.campaigns.campaigns()).get(C) as CompiledCampaign;
    expect(await h.notifier.nudge(campaign, { overdue: false })).toEqual({
      notified: [
        { owner: 'group:default/ledger', failingTargets: 1 },
        { owner: 'group:default/search', failingTargets: 1 },
      ],
      rateLimited: [],
    });
    h.clock.set('2026-03-02T09:59:00.000Z');
    expect(
      await h.notifier.nudge(campaign, {
        owner: 'group:default/ledger',
        overdue: false,
      }),
    ).toEqual({ notified: [], rateLimited: ['group:default/ledger'] });
    h.clock.set('2026-03-02T10:00:01.000Z');
    expect(
      (
        await h.notifier.nudge(campaign, {
          owner: 'group:default/ledger',
          overdue: false,
        })
      ).notified,
    ).toEqual([{ owner: 'group:default/ledger', failingTargets: 1 }]);

    h.sent.length = 0;
    h.clock.set('2026-03-03T09:00:00.000Z');
    await h.push([{ name: 'a', team: 'payments', poetry: false }]);
    const transitions = await h.results.getTransitions({
      entityRef: 'component:default/a',
    });
    const campaigns = await h.campaigns.campaigns();
    expect(await h.notifier.alertRegressions(campaigns, transitions)).toBe(1);
    // The same transitions seen again (another replica, a retry) alert nobody twice.
    expect(await h.notifier.alertRegressions(campaigns, transitions)).toBe(0);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/payments' },
      payload: {
        title: 'a regressed on "Uses Poetry" (Poetry)',
        severity: 'high',
        topic: 'maturity-campaign-regression',
      },
    });
    expect(h.sent[0].payload.description).toContain(
      'The fact pushed.packageManager is now "pip".',
    );
  });
});
