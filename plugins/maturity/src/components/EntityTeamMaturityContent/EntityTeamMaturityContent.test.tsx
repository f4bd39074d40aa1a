import { screen } from '@testing-library/react';
import type { Rollup } from '@ratchet/backstage-plugin-maturity-common';
import {
  group,
  httpError,
  mockMaturityApi,
  rollup,
  summary,
  teamChecks,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { EntityTeamMaturityContent } from './EntityTeamMaturityContent';

/** The roll-up of the team's entities only: one `org` group (the payments group's numbers). */
const teamRollup: Rollup = {
  ...rollup,
  groupBy: 'org',
  groups: [{ ...rollup.groups[0], key: 'org' }],
};

/** The maturity API as a backend with roll-up filters answers the team view. */
const teamApi = (overrides: Parameters<typeof mockMaturityApi>[0] = {}) =>
  mockMaturityApi({ getRollup: async () => teamRollup, ...overrides });

describe('EntityTeamMaturityContent', () => {
  it("shows the team's entities with their levels and the checks failing most often", async () => {
    const api = teamApi();
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    // The roll-up covers only the team's entities.
    expect(api.getRollup).toHaveBeenCalledWith(
      { kind: 'scorecard', namespace: 'default', name: 'api-maturity' },
      { groupBy: 'org', filters: { owner: 'group:default/payments' } },
    );
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
    // Every check is counted for the team's owner ref in one request.
    expect(api.listScorecardChecks).toHaveBeenCalledTimes(1);
    expect(api.listScorecardChecks).toHaveBeenCalledWith(
      { kind: 'scorecard', namespace: 'default', name: 'api-maturity' },
      {
        filters: { owner: 'group:default/payments' },
        order: 'failing',
        limit: 10,
      },
    );
    expect(api.getCheck).not.toHaveBeenCalled();
    const link = (
      await screen.findAllByRole('link', {
        name: 'Definition passes the linter',
      })
    )[0];
    expect(link).toHaveAttribute(
      'href',
      '/maturity/scorecards/default/api-maturity/checks/definition-linted?owner=group%3Adefault%2Fpayments',
    );
    expect(screen.getAllByText('4 of 6 entities').length).toBeGreaterThan(0);
    expect(
      screen.getByRole('table', { name: /team's passing results/ }),
    ).toBeInTheDocument();
  });

  it('lists only checks that fail, and says so when none does', async () => {
    const api = teamApi({
      listScorecardChecks: async () => ({
        ...teamChecks,
        items: teamChecks.items.map(i => ({
          ...i,
          counts: { ...i.counts, fail: 0, error: 0 },
          failing: 0,
        })),
      }),
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(
      await screen.findByText('No check fails for this team’s entities.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Definition passes the linter' }),
    ).not.toBeInTheDocument();
  });

  it("shows the error of the team's check counts beside the rest of the view", async () => {
    const api = teamApi({
      listScorecardChecks: async () => {
        throw httpError(400, "Invalid owner 'x'");
      },
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(
      await screen.findByText("Error: Invalid owner 'x'"),
    ).toBeInTheDocument();
    expect(
      screen.getByText("The team's entities, lowest level first"),
    ).toBeInTheDocument();
  });

  it('puts the scorecard that rates most of the team first', async () => {
    const small = {
      ...summary,
      ref: 'scorecard:default/small',
      title: 'Small',
    };
    const api = teamApi({
      listScorecards: async () => [small, summary],
      getRollup: async scorecard => ({
        ...teamRollup,
        groups: teamRollup.groups.map(g => ({
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
    const api = teamApi({
      getRollup: async () => ({ ...teamRollup, groups: [] }),
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(await screen.findByText('No rated entities')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = teamApi({
      listScorecards: async () => {
        throw httpError(500, 'boom');
      },
    });
    await renderMaturity(<EntityTeamMaturityContent />, { api, entity: group });
    expect(await screen.findByText('Error: boom')).toBeInTheDocument();
  });
});
