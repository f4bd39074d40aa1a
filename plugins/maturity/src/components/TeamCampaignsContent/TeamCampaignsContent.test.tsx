import { screen } from '@testing-library/react';
import { group, mockMaturityApi } from '../../__testUtils__/fixtures';
import {
  completedSummary,
  poetrySummary,
  scheduledSummary,
} from '../../__testUtils__/campaignFixtures';
import { renderCampaigns } from '../../__testUtils__/renderCampaigns';
import { TeamCampaignsContent, teamWork } from './TeamCampaignsContent';

const late = {
  ...poetrySummary,
  ref: 'campaign:default/late',
  title: 'Late one',
  state: 'delayed' as const,
  dueDate: '2026-11-30',
};
const soon = {
  ...poetrySummary,
  ref: 'campaign:default/soon',
  title: 'Soon',
  dueDate: '2026-12-20',
};
const teamDone = {
  ...poetrySummary,
  ref: 'campaign:default/team-done',
  ownerProgress: {
    targets: 2,
    passing: 2,
    exempt: 0,
    failing: 0,
    notStarted: 0,
    regressed: 0,
    ratio: 1,
  },
};

describe('TeamCampaignsContent', () => {
  it('orders open work most urgent first and leaves out scheduled, ended and finished work', () => {
    expect(
      teamWork([
        completedSummary,
        poetrySummary,
        scheduledSummary,
        teamDone,
        soon,
        late,
      ]).map(c => c.ref),
    ).toEqual([late.ref, soon.ref, poetrySummary.ref]);
  });

  it("shows the team's progress and its failing targets per campaign", async () => {
    const api = mockMaturityApi({
      listCampaigns: async () => [poetrySummary, late],
    });
    await renderCampaigns(
      <TeamCampaignsContent now={new Date('2026-12-06T12:00:00Z')} />,
      {
        api,
        entity: group,
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Late one' }),
    ).toHaveAttribute('href', '/campaigns/default/late');
    expect(
      screen.getByText('Due Nov 30, 2026 (6 days overdue)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Due Jan 15, 2027 (in 40 days)'),
    ).toBeInTheDocument();
    const titles = screen
      .getAllByRole('link', { name: /Late one|Move Python/ })
      .map(l => l.textContent);
    expect(titles).toEqual([
      'Late one',
      'Move Python services from pip to Poetry',
    ]);
    expect(api.listCampaigns).toHaveBeenCalledWith({
      targetOwner: 'group:default/payments',
    });
    expect(api.listCampaignTargets).toHaveBeenCalledWith(
      { namespace: 'default', name: 'late' },
      { owner: 'group:default/payments', state: 'failing', limit: 50 },
    );
    expect(
      screen.getAllByRole('link', { name: 'Statement generator' }),
    ).toHaveLength(2);
  });

  it('says so when the team has no open campaign work', async () => {
    const api = mockMaturityApi({
      listCampaigns: async () => [completedSummary],
    });
    await renderCampaigns(<TeamCampaignsContent />, { api, entity: group });
    expect(
      await screen.findByText('No open campaign work'),
    ).toBeInTheDocument();
  });
});
