import { screen, within } from '@testing-library/react';
import { httpError, mockMaturityApi } from '../../__testUtils__/fixtures';
import { renderCampaigns } from '../../__testUtils__/renderCampaigns';
import {
  completedSummary,
  poetrySummary,
  scheduledSummary,
} from '../../__testUtils__/campaignFixtures';
import { CampaignListPage, groupCampaigns } from './CampaignListPage';

/** The table whose title is `title`. */
function tableTitled(title: string): HTMLElement {
  let el: HTMLElement | null = screen.getByText(title);
  while (el && !el.querySelector('table')) el = el.parentElement;
  if (!el) throw new Error(`No table titled ${title}`);
  return el;
}

describe('CampaignListPage', () => {
  it('shows active, scheduled and ended campaigns with state, owner, due date and progress', async () => {
    await renderCampaigns(<CampaignListPage />, { api: mockMaturityApi() });
    await screen.findByText('Active (1)');
    const active = tableTitled('Active (1)');
    const link = within(active).getByRole('link', {
      name: 'Move Python services from pip to Poetry',
    });
    expect(link).toHaveAttribute('href', '/campaigns/default/pip-to-poetry');
    expect(within(active).getByText('In progress')).toBeInTheDocument();
    expect(within(active).getByText('3 of 6 done · 50 %')).toBeInTheDocument();
    expect(
      within(active).getByText('2 failing · 1 regressed · 1 not evaluated yet'),
    ).toBeInTheDocument();
    expect(
      within(active).getByRole('progressbar', {
        name: 'Progress of Move Python services from pip to Poetry: 3 of 6 done',
      }),
    ).toHaveAttribute('aria-valuenow', '50');

    const scheduled = tableTitled('Scheduled (1)');
    // A campaign without results says so; it never reads as done.
    expect(
      within(scheduled).getByText('Not evaluated yet'),
    ).toBeInTheDocument();
    expect(within(scheduled).getByText(/^starts /)).toBeInTheDocument();

    const ended = tableTitled('Ended (1)');
    expect(within(ended).getByText('Completed')).toBeInTheDocument();
    expect(within(ended).getByText('6 of 6 done · 100 %')).toBeInTheDocument();
  });

  it('groups by state keeping the order of the list', () => {
    const delayed = {
      ...poetrySummary,
      ref: 'campaign:default/late',
      state: 'delayed' as const,
    };
    const groups = groupCampaigns([
      delayed,
      completedSummary,
      scheduledSummary,
      poetrySummary,
    ]);
    expect(groups.active.map(c => c.ref)).toEqual([
      delayed.ref,
      poetrySummary.ref,
    ]);
    expect(groups.scheduled.map(c => c.ref)).toEqual([scheduledSummary.ref]);
    expect(groups.ended.map(c => c.ref)).toEqual([completedSummary.ref]);
  });

  it('explains campaigns when there is none', async () => {
    const api = mockMaturityApi({ listCampaigns: async () => [] });
    await renderCampaigns(<CampaignListPage />, { api });
    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockMaturityApi({
      listCampaigns: async () => {
        throw httpError(503, 'Campaigns unavailable');
      },
    });
    await renderCampaigns(<CampaignListPage />, { api });
    expect(
      await screen.findByText('Error: Campaigns unavailable'),
    ).toBeInTheDocument();
  });
});
