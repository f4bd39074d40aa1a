import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { DENY, httpError, mockMaturityApi } from '../../__testUtils__/fixtures';
import { toastApi } from '../../__testUtils__/render';
import { renderCampaigns } from '../../__testUtils__/renderCampaigns';
import { poetryDetail } from '../../__testUtils__/campaignFixtures';
import { CampaignPage } from './CampaignPage';

const route = ['/campaign/default/pip-to-poetry'];
const page = (
  <Routes>
    <Route path="/campaign/:namespace/:name" element={<CampaignPage />} />
  </Routes>
);

describe('CampaignPage', () => {
  beforeEach(() => {
    toastApi.post.mockClear();
    // Only the date is fixed (the live burn-up point is today's); timers run for real.
    jest.useFakeTimers({
      now: new Date('2026-12-06T12:00:00Z'),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'clearImmediate',
        'nextTick',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'hrtime',
        'performance',
      ],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('renders the brief as markdown, the burn-up with due date and projection, per-team progress and failing targets', async () => {
    const api = mockMaturityApi();
    await renderCampaigns(page, { api, routeEntries: route });
    expect(
      await screen.findByRole('heading', { name: 'Why' }),
    ).toBeInTheDocument();
    expect(screen.getByText('not reproducible').tagName).toBe('STRONG');
    expect(api.getCampaign).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'pip-to-poetry',
    });

    // Burn-up: accessible chart with the due date, and every value in its table.
    const chart = await screen.findByRole('img', { name: 'Campaign burn-up' });
    expect(chart).toHaveAccessibleDescription(
      /3 of 6 targets done on Dec 6, 2026\. Due: Jan 15, 2027\./,
    );
    const table = screen
      .getByText('Campaign burn-up', { selector: 'caption' })
      .closest('table') as HTMLElement;
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Date', 'Targets done', 'All targets', 'Projection']);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent),
    ).toEqual([
      'Dec 4, 2026'.concat('26–'),
      'Dec 5, 2026'.concat('36–'),
      // Today: the live progress, where the projection starts.
      'Dec 6, 2026'.concat('363'),
      'Jan 2, 2027'.concat('––6'),
    ]);
    expect(
      screen.getByText(/every target passes by Jan 2, 2027\./),
    ).toBeInTheDocument();

    // Per-team progress, least done first.
    const teams = await screen.findByText('Progress per team');
    expect(teams).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Progress of group:default/payments: 1 of 4 done',
      }),
    ).toBeInTheDocument();

    // Failing targets with what to do and a link to each.
    expect(await screen.findByText('Failing targets (1)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Statement generator' }),
    ).toHaveAttribute('href', '/catalog/default/component/statement-generator');
    expect(screen.getByText('Regressed')).toBeInTheDocument();
    expect(
      screen.getByText('poetry lock', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(api.listCampaignTargets).toHaveBeenCalledWith(
      { namespace: 'default', name: 'pip-to-poetry' },
      { state: 'failing', limit: 200 },
    );
  });

  it('nudges the owners and reports who was reminded', async () => {
    const api = mockMaturityApi();
    await renderCampaigns(page, { api, routeEntries: route });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Nudge owners now' }),
    );
    await waitFor(() =>
      expect(toastApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Reminded 1 owner group about 2 failing targets',
          status: 'success',
        }),
      ),
    );
    expect(api.nudgeCampaign).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'pip-to-poetry',
    });
  });

  it('ends the campaign early only with a reason, and shows it ended', async () => {
    const api = mockMaturityApi();
    await renderCampaigns(page, { api, routeEntries: route });
    await userEvent.click(
      await screen.findByRole('button', { name: 'End early' }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', {
      name: 'End campaign',
    });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByRole('textbox'), {
      target: { value: 'Superseded by the uv migration' },
    });
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(api.endCampaign).toHaveBeenCalledWith(
        { namespace: 'default', name: 'pip-to-poetry' },
        { reason: 'Superseded by the uv migration' },
      ),
    );
    expect(
      await screen.findByText(/Ended early — Superseded by the uv migration/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'End early' }),
    ).not.toBeInTheDocument();
  });

  it('hides nudge and end without permission, keeping the export', async () => {
    const api = mockMaturityApi();
    await renderCampaigns(page, {
      api,
      routeEntries: route,
      permission: () => DENY,
    });
    expect(
      await screen.findByRole('button', { name: 'Export targets (CSV)' }),
    ).toBeInTheDocument();
    await screen.findByText('Failing targets (1)');
    // While the decision loads the buttons show disabled; once it is a denial they are gone.
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Nudge owners now' }),
      ).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'End early' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('shows the error of an unknown campaign', async () => {
    const api = mockMaturityApi({
      getCampaign: async () => {
        throw httpError(404, 'No campaign campaign:default/nope');
      },
    });
    await renderCampaigns(page, {
      api,
      routeEntries: ['/campaign/default/nope'],
    });
    expect(
      await screen.findByText('Error: No campaign campaign:default/nope'),
    ).toBeInTheDocument();
  });

  it('says when the burn-up of a campaign not started has no points yet', async () => {
    const api = mockMaturityApi({
      getCampaign: async () => ({ ...poetryDetail, state: 'scheduled' }),
      getCampaignProgress: async () => ({
        campaignRef: 'campaign:default/pip-to-poetry',
        startDate: '2026-12-10',
        dueDate: '2027-01-15',
        points: [],
        projection: { ratePerDay: null, completionDate: null, windowDays: 14 },
      }),
    });
    await renderCampaigns(page, { api, routeEntries: route });
    expect(
      await screen.findByText('No progress recorded yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not enough progress yet to project a completion date.'),
    ).toBeInTheDocument();
  });
});
