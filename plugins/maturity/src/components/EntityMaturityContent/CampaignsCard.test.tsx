import { screen } from '@testing-library/react';
import type { EntityCampaign } from '@ratchet/backstage-plugin-maturity-common';
import { mockMaturityApi } from '../../__testUtils__/fixtures';
import { renderCampaigns } from '../../__testUtils__/renderCampaigns';
import { CampaignsCard } from './CampaignsCard';

const campaign: EntityCampaign = {
  ref: 'campaign:default/pip-to-poetry',
  title: 'Move to Poetry',
  startDate: '2026-10-01',
  dueDate: '2027-01-15',
  counts: { passed: 0, failed: 0, errored: 0, total: 0 },
  checks: [],
};

describe('CampaignsCard', () => {
  it('says "not evaluated yet" for a campaign without results, never "0 of 0 · Done"', async () => {
    await renderCampaigns(<CampaignsCard campaigns={[campaign]} />, {
      api: mockMaturityApi(),
    });
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    expect(
      screen.getByText('Waiting for its first results'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Done')).not.toBeInTheDocument();
    expect(screen.queryByText(/0 of 0/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Move to Poetry' }),
    ).toHaveAttribute('href', '/campaigns/default/pip-to-poetry');
  });

  it('lists the failing and erroring checks, or Done when all pass', async () => {
    const failing: EntityCampaign = {
      ...campaign,
      counts: { passed: 1, failed: 1, errored: 1, total: 3 },
      checks: [
        { id: 'a', title: 'Has pyproject', status: 'pass', message: '' },
        { id: 'b', title: 'Commits poetry.lock', status: 'fail', message: '' },
        { id: 'c', title: 'No requirements.txt', status: 'error', message: '' },
      ] as EntityCampaign['checks'],
    };
    const done: EntityCampaign = {
      ...campaign,
      ref: 'campaign:default/other',
      title: 'Other',
      counts: { passed: 2, failed: 0, errored: 0, total: 2 },
    };
    await renderCampaigns(<CampaignsCard campaigns={[failing, done]} />, {
      api: mockMaturityApi(),
    });
    expect(await screen.findByText('1 of 3 checks')).toBeInTheDocument();
    expect(screen.getByText('Commits poetry.lock')).toBeInTheDocument();
    expect(
      screen.getByText('No requirements.txt (in error)'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 of 2 checks')).toBeInTheDocument();
    expect(screen.getByText('Done')).toBeInTheDocument();
  });
});
