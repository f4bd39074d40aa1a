import { screen, waitFor } from '@testing-library/react';
import {
  detail,
  group,
  httpError,
  mockMaturityApi,
  rollup,
  summary,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { EntityTeamMaturityContent } from './EntityTeamMaturityContent';

describe('EntityTeamMaturityContent', () => {
  it("shows the team's entities with their levels and the checks failing most often", async () => {
    const api = mockMaturityApi();
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(
      await screen.findByText("The team's entities, lowest level first"),
    ).toBeInTheDocument();
    expect(api.listScorecardEntities).toHaveBeenCalledWith(
      { kind: 'scorecard', namespace: 'default', name: 'api-maturity' },
      { filters: { owner: 'group:default/payments' }, limit: 10, offset: 0 },
    );
    expect(
      await screen.findByText('Checks failing most often in the team'),
    ).toBeInTheDocument();
    // Every check is counted for the team's owner ref.
    await waitFor(() =>
      expect(api.getCheck).toHaveBeenCalledTimes(detail.checks.length),
    );
    expect(api.getCheck).toHaveBeenCalledWith(expect.anything(), 'has-owner', {
      owner: 'group:default/payments',
      status: 'fail',
      limit: 1,
    });
    const link = screen.getAllByRole('link', {
      name: 'Definition passes the linter',
    })[0];
    expect(link).toHaveAttribute(
      'href',
      '/maturity/scorecards/default/api-maturity/checks/definition-linted?owner=group%3Adefault%2Fpayments',
    );
    expect(screen.getAllByText('4 of 6 entities').length).toBeGreaterThan(0);
    expect(
      screen.getByRole('table', { name: /team's passing results/ }),
    ).toBeInTheDocument();
  });

  it('puts the scorecard that rates most of the team first', async () => {
    const small = {
      ...summary,
      ref: 'scorecard:default/small',
      title: 'Small',
    };
    const api = mockMaturityApi({
      listScorecards: async () => [small, summary],
      getRollup: async scorecard => ({
        ...rollup,
        groups: rollup.groups.map(g => ({
          ...g,
          entityCount: scorecard.name === 'small' ? 1 : 5,
        })),
      }),
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual(['API Maturity', 'Small']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('says so when the team owns nothing rated', async () => {
    const api = mockMaturityApi({
      getRollup: async () => ({ ...rollup, groups: [] }),
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(await screen.findByText('No rated entities')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockMaturityApi({
      listScorecards: async () => {
        throw httpError(500, 'boom');
      },
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(await screen.findByText('Error: boom')).toBeInTheDocument();
  });
});
