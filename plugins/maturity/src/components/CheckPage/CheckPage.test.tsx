import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checkDetail,
  exemption,
  httpError,
  mockMaturityApi,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { MaturityPage } from '../MaturityPage';

const at = (query = '') => ({
  routeEntries: [
    `/scorecards/default/api-maturity/checks/definition-linted${query}`,
  ],
});

describe('CheckPage', () => {
  it('shows the description, the readable rule, the pass rate and the failing entities', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<MaturityPage />, { api, ...at() });
    expect(
      await screen.findByRole('heading', {
        name: 'Definition passes the linter',
        level: 1,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Why Definition passes the linter matters.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Rule')).toHaveTextContent(
      'fact definition-linted exists',
    );
    expect(screen.getByText('Pass rate 33 %')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: 'Pass rate over the last 30 days',
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('ledger-grpc')).toBeInTheDocument();
    expect(api.getCheck).toHaveBeenCalledWith(
      { namespace: 'default', name: 'api-maturity' },
      'definition-linted',
      { status: 'fail', owner: undefined, limit: 10, offset: 0 },
    );
  });

  it('filters the entities by the owner in the URL and lists the check’s exemptions', async () => {
    const api = mockMaturityApi({
      listExemptions: async () => [
        exemption,
        { ...exemption, id: 'ex-9', checkId: 'has-owner' },
      ],
    });
    await renderMaturity(<MaturityPage />, {
      api,
      ...at('?owner=group:default/ledger'),
    });
    await waitFor(() =>
      expect(api.getCheck).toHaveBeenCalledWith(
        expect.anything(),
        'definition-linted',
        {
          status: 'fail',
          owner: 'group:default/ledger',
          limit: 10,
          offset: 0,
        },
      ),
    );
    const exemptions = (
      await screen.findByText('Exemptions of this check')
    ).closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(exemptions).getByText('Linter not available for this spec yet'),
    ).toBeInTheDocument();
    expect(within(exemptions).getAllByRole('row')).toHaveLength(2); // header + the one of this check
    expect(api.listExemptions).toHaveBeenCalledWith({
      scorecard: 'scorecard:default/api-maturity',
    });
  });

  it('changes the status filter', async () => {
    const api = mockMaturityApi();
    await renderMaturity(<MaturityPage />, { api, ...at() });
    await screen.findByText('ledger-grpc');
    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(await screen.findByRole('option', { name: 'Pass' }));
    await waitFor(() =>
      expect(api.getCheck).toHaveBeenLastCalledWith(
        expect.anything(),
        'definition-linted',
        {
          status: 'pass',
          owner: undefined,
          limit: 10,
          offset: 0,
        },
      ),
    );
    expect(checkDetail.entities.total).toBe(4);
  });

  it('shows the error of an unknown check', async () => {
    const api = mockMaturityApi({
      getCheck: async () => {
        throw httpError(
          404,
          "scorecard:default/api-maturity has no check 'nope'",
        );
      },
    });
    await renderMaturity(<MaturityPage />, { api, ...at() });
    expect(
      await screen.findByText(
        "Error: scorecard:default/api-maturity has no check 'nope'",
      ),
    ).toBeInTheDocument();
  });
});
