import { screen } from '@testing-library/react';
import { httpError, mockMaturityApi } from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { ScorecardListPage } from './ScorecardListPage';

describe('ScorecardListPage', () => {
  it('lists the scorecards with their level distribution, linking to the org reports', async () => {
    await renderMaturity(<ScorecardListPage />, { api: mockMaturityApi() });
    const link = await screen.findByRole('link', { name: 'API Maturity' });
    expect(link).toHaveAttribute(
      'href',
      '/maturity/scorecards/default/api-maturity',
    );
    expect(
      screen.getByRole('img', {
        name: /Level distribution of 6 entities. No level: 1, Bronze: 4, Silver: 1/,
      }),
    ).toBeInTheDocument();
  });

  it('explains how to add a scorecard when there is none', async () => {
    const api = mockMaturityApi({ listScorecards: async () => [] });
    await renderMaturity(<ScorecardListPage />, { api });
    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockMaturityApi({
      listScorecards: async () => {
        throw httpError(401, 'Missing credentials');
      },
    });
    await renderMaturity(<ScorecardListPage />, { api });
    expect(
      await screen.findByText('Error: Missing credentials'),
    ).toBeInTheDocument();
  });
});
