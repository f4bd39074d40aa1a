import { screen, waitFor, within } from '@testing-library/react';
import {
  httpError,
  mockMaturityApi,
  rollup,
} from '../../__testUtils__/fixtures';
import { mockCatalogApi, renderMaturity } from '../../__testUtils__/render';
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

  it('falls back to the spec endpoints when the backend lacks the ranking, history and roll-up filters', async () => {
    const api = mockMaturityApi({
      getFeatures: async () => ({
        scorecardEntities: false,
        scorecardHistory: false,
        rollupFilters: false,
        scorecardChecks: false,
        exemptionPages: false,
      }),
    });
    const catalogApi = mockCatalogApi({
      queryEntities: jest.fn(async () => ({
        items: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'API',
            metadata: {
              name: 'payments-api',
              namespace: 'default',
              title: 'Payments API',
            },
            spec: { lifecycle: 'production' },
            relations: [
              { type: 'ownedBy', targetRef: 'group:default/payments' },
            ],
          },
        ],
        totalItems: 1,
        pageInfo: {},
      })),
    });
    await renderMaturity(<MaturityPage />, {
      api,
      catalogApi,
      routeEntries: [
        '/scorecards/default/api-maturity?owner=group:default/ledger&kind=API',
      ],
    });
    expect(
      await screen.findByText(
        'By name: this backend cannot rank entities by level yet',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api/maturity');
    expect(catalogApi.queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'API', 'relations.ownedBy': 'group:default/ledger' },
        limit: 10,
        offset: 0,
      }),
    );
    expect(api.listScorecardEntities).not.toHaveBeenCalled();
    // The roll-up is fetched unfiltered and narrowed to the owner here.
    expect(api.getRollup).toHaveBeenCalledWith(expect.anything(), {
      groupBy: 'owner',
    });
    expect(
      screen.getByText(/does not filter roll-ups yet/),
    ).toBeInTheDocument();
    const heatmap = screen.getByRole('table', {
      name: /Share of passing results per owner group/,
    });
    expect(within(heatmap).getAllByRole('row')).toHaveLength(2);
    // The trend is summed from the checks' pass-rate histories.
    expect(
      await screen.findByRole('img', {
        name: 'Share of passing results over the last 30 days',
      }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getCheckHistory).toHaveBeenCalledTimes(3));
    expect(api.getScorecardHistory).not.toHaveBeenCalled();
    expect(rollup.groups).toHaveLength(3);
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
});
