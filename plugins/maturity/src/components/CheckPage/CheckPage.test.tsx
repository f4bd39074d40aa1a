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

/** The card of the check's exemptions, once loaded. */
async function exemptionsCard(): Promise<HTMLElement> {
  return (await screen.findByText('Exemptions of this check')).closest(
    'div[class*="MuiPaper"]',
  ) as HTMLElement;
}

const at = (query = '') => ({
  routeEntries: [
    `/scorecards/default/api-maturity/checks/definition-linted${query}`,
  ],
});

describe('CheckPage', () => {
  it('says once that the check reads a source that is not installed', async () => {
    const api = mockMaturityApi({
      getCheck: async () => ({
        ...checkDetail,
        check: {
          ...checkDetail.check,
          sourceProblems: [
            {
              kind: 'sourceNotInstalled',
              source: 'scm',
              checkIds: ['definition-linted'],
              message: '1 check reads `scm`, which is not installed',
            },
          ],
        },
      }),
    });
    await renderMaturity(<MaturityPage />, { api, ...at() });
    expect(
      await screen.findByText(
        'This check reads `scm`, which is not installed: it is in error for every entity.',
      ),
    ).toBeInTheDocument();
  });

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
    const passRates = screen.getByRole('table', {
      name: 'Pass rate over the last 30 days',
    });
    expect(
      within(passRates)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual(['DatePass rate', 'Nov 22, 202617 %', 'Nov 23, 202633 %']);
    expect(await screen.findByText('ledger-grpc')).toBeInTheDocument();
    expect(api.getCheck).toHaveBeenCalledWith(
      { namespace: 'default', name: 'api-maturity' },
      'definition-linted',
      { status: 'fail', owner: undefined, limit: 10, offset: 0 },
    );
  });

  it('filters the entities by the owner in the URL and lists the check’s exemptions', async () => {
    const api = mockMaturityApi();
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
    const exemptions = await exemptionsCard();
    expect(
      within(exemptions).getByText('Linter not available for this spec yet'),
    ).toBeInTheDocument();
    expect(within(exemptions).getByText('1 exemption')).toBeInTheDocument();
    expect(api.listExemptionPage).toHaveBeenCalledWith({
      definitionRef: 'scorecard:default/api-maturity',
      checkId: 'definition-linted',
      limit: 10,
      offset: 0,
    });
    expect(api.listExemptions).not.toHaveBeenCalled();
  });

  it('pages through the check’s exemptions on the server', async () => {
    const api = mockMaturityApi({
      listExemptionPage: async ({ limit, offset }) => ({
        items: Array.from({ length: offset === 0 ? limit : 2 }, (_, i) => ({
          ...exemption,
          id: `ex-${offset + i}`,
          reason: `Reason ${offset + i}`,
        })),
        total: 12,
        limit,
        offset,
        nextOffset: offset === 0 ? limit : null,
      }),
    });
    await renderMaturity(<MaturityPage />, { api, ...at() });
    const exemptions = await exemptionsCard();
    expect(within(exemptions).getByText('12 exemptions')).toBeInTheDocument();
    expect(within(exemptions).getByText('Reason 0')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Reason 10')).toBeInTheDocument();
    expect(screen.queryByText('Reason 0')).not.toBeInTheDocument();
    expect(api.listExemptionPage).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 10, offset: 10 }),
    );
  });

  it('says when the check has no exemptions, and shows why they could not be loaded', async () => {
    const empty = mockMaturityApi({
      listExemptionPage: async ({ limit, offset }) => ({
        items: [],
        total: 0,
        limit,
        offset,
        nextOffset: null,
      }),
    });
    const { unmount } = await renderMaturity(<MaturityPage />, {
      api: empty,
      ...at(),
    });
    const exemptions = await exemptionsCard();
    expect(within(exemptions).getByText('No exemptions.')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Next page' }),
    ).not.toBeInTheDocument();
    unmount();

    const failing = mockMaturityApi({
      listExemptionPage: async () => {
        throw httpError(400, "Invalid definitionRef 'x'");
      },
    });
    await renderMaturity(<MaturityPage />, { api: failing, ...at() });
    expect(
      await screen.findByText('Error: Could not load exemptions'),
    ).toBeInTheDocument();
    // The rest of the page still works.
    expect(await screen.findByText('ledger-grpc')).toBeInTheDocument();
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

  it('opens the entity list on the status that has entities, and counts failures and errors apart', async () => {
    const allErrors = {
      ...checkDetail,
      counts: { pass: 0, fail: 0, error: 81, 'not-applicable': 0, exempt: 0 },
    };
    const api = mockMaturityApi({ getCheck: async () => allErrors });
    await renderMaturity(<MaturityPage />, { api, ...at() });
    expect(await screen.findByText('Entities: Error')).toBeInTheDocument();
    expect(api.getCheck).toHaveBeenLastCalledWith(
      expect.anything(),
      'definition-linted',
      { status: 'error', owner: undefined, limit: 10, offset: 0 },
    );
    // Header labels: the value follows its label.
    expect(screen.getByText('Failing').nextSibling).toHaveTextContent(/^0$/);
    expect(screen.getByText('In error').nextSibling).toHaveTextContent(/^81$/);
  });

  it("opens on the owner's own counts when filtered by owner", async () => {
    const api = mockMaturityApi({
      getCheck: async (_parts, _id, options) => ({
        ...checkDetail,
        counts: options?.owner
          ? { pass: 2, fail: 0, error: 0, 'not-applicable': 0, exempt: 0 }
          : checkDetail.counts,
      }),
    });
    await renderMaturity(<MaturityPage />, {
      api,
      ...at('?owner=group:default/ledger'),
    });
    expect(await screen.findByText('Entities: Pass')).toBeInTheDocument();
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
