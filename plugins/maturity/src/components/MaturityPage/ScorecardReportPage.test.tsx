import { screen, within } from '@testing-library/react';
import {
  detail,
  httpError,
  mockMaturityApi,
  rollup,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { MaturityPage } from './MaturityPage';

const at = { routeEntries: ['/scorecards/default/api-maturity'] };

describe('ScorecardReportPage', () => {
  it('shows the distribution, a heatmap of every owner group and the lowest-scoring entities', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<MaturityPage />, { api, ...at });
    expect(
      await screen.findByRole('heading', { name: 'API Maturity' }),
    ).toBeInTheDocument();
    const heatmap = await screen.findByRole('table', {
      name: /Share of passing results per owner group/,
    });
    for (const team of ['payments', 'ledger', 'identity']) {
      expect(
        within(heatmap).getByRole('rowheader', { name: new RegExp(team) }),
      ).toBeInTheDocument();
    }
    expect(
      within(heatmap).getByLabelText(
        'ledger, Design: 25 % passing (1 of 4 results)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Level distribution of 6 entities/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Lowest-scoring entities'),
    ).toBeInTheDocument();
    expect(api.listScorecardEntities).toHaveBeenCalledWith(
      { namespace: 'default', name: 'api-maturity' },
      { filters: {}, limit: 10, offset: 0 },
    );
    expect(
      await screen.findByRole('img', {
        name: 'Entities per level over the last 30 days',
      }),
    ).toBeInTheDocument();
    // Screen readers (and this test) read the trend's values from its table: one row per day.
    const trend = screen.getByRole('table', {
      name: 'Entities per level over the last 30 days',
    });
    expect(
      within(trend)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      'DateNo levelBronzeSilver',
      'Nov 22, 2026141',
      'Nov 23, 2026141',
    ]);
    expect(
      screen.getByRole('link', { name: 'Uses OpenAPI 3' }),
    ).toHaveAttribute(
      'href',
      '/maturity/scorecards/default/api-maturity/checks/openapi-3',
    );
  });

  it('applies filters from the URL to the roll-up, ranking and trend', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<MaturityPage />, {
      api,
      routeEntries: [
        '/scorecards/default/api-maturity?owner=group:default/ledger&lifecycle=production',
      ],
    });
    await screen.findByText('Lowest-scoring entities');
    const filters = { owner: 'group:default/ledger', lifecycle: 'production' };
    expect(api.getRollup).toHaveBeenCalledWith(expect.anything(), {
      groupBy: 'owner',
      filters,
    });
    expect(api.listScorecardEntities).toHaveBeenCalledWith(expect.anything(), {
      filters,
      limit: 10,
      offset: 0,
    });
    expect(api.getScorecardHistory).toHaveBeenCalledWith(expect.anything(), {
      days: 30,
      filters,
    });
  });

  it('says when no rated entity matches', async () => {
    const api = mockMaturityApi({
      getRollup: async () => ({ ...rollup, groups: [] }),
    });
    await renderMaturity(<MaturityPage />, { api, ...at });
    expect(
      await screen.findAllByText('No rated entities match the filters.'),
    ).toHaveLength(2);
  });

  it('shows the error of an unknown scorecard', async () => {
    const api = mockMaturityApi({
      getScorecard: async () => {
        throw httpError(404, 'No scorecard scorecard:default/api-maturity');
      },
    });
    await renderMaturity(<MaturityPage />, { api, ...at });
    expect(
      await screen.findByText(
        'Error: No scorecard scorecard:default/api-maturity',
      ),
    ).toBeInTheDocument();
  });
  it('marks a check ratcheted in from a campaign with the campaign and the day it joined', async () => {
    const ratcheted = {
      ...detail.checks[0],
      id: 'card-data-sbom.publishes-sbom',
      title: 'Publishes an SBOM with every release',
      level: 'silver',
      fromCampaign: 'campaign:default/card-data-sbom',
      ratchetedAt: '2026-12-06T10:15:00.000Z',
    };
    const api = mockMaturityApi({
      getScorecard: async () => ({
        ...detail,
        checks: [...detail.checks, ratcheted],
      }),
    });
    await renderMaturity(<MaturityPage />, { api, ...at });
    const row = (
      await screen.findByRole('link', {
        name: 'Publishes an SBOM with every release',
      })
    ).closest('tr')!;
    expect(row).toHaveTextContent(/From campaign card-data-sbom since /);
    expect(row).toHaveTextContent(
      new Date('2026-12-06T10:15:00.000Z').toLocaleDateString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      }),
    );
    expect(
      within(row).getByRole('link', { name: 'card-data-sbom' }),
    ).toHaveAttribute('href', '/campaigns/default/card-data-sbom');
    // A check of the scorecard's own counts from always.
    const own = screen
      .getByRole('link', { name: 'Uses OpenAPI 3' })
      .closest('tr')!;
    expect(own).toHaveTextContent('Always');
  });
});
