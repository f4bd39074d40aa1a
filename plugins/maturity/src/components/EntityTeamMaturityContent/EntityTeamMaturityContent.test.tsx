import { screen, within } from '@testing-library/react';
import type { Rollup } from '@ratchet/backstage-plugin-maturity-common';
import {
  detail,
  group,
  httpError,
  mockMaturityApi,
  rollup,
  summary,
  teamChecks,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { EntityTeamMaturityContent } from './EntityTeamMaturityContent';
import { rankFailingChecks } from './TeamFailingChecks';

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
      { filters: { owner: 'group:default/payments' }, limit: 3 },
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
    // Failures and errors are separate numbers: 3 failing, 1 in error (not "4 failing").
    const row = screen.getByRole('row', {
      name: /Definition passes the linter/,
    });
    expect(within(row).getByText('3 of 6 entities')).toBeInTheDocument();
    expect(within(row).getAllByRole('cell').at(-1)).toHaveTextContent('1');
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
      await screen.findByText(
        'No check fails or errors for this team’s entities.',
      ),
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

describe('rankFailingChecks', () => {
  const definition = (id: string, effectiveFrom?: string) => ({
    ...detail.checks[0],
    id,
    title: id,
    ...(effectiveFrom ? { effectiveFrom } : {}),
  });
  const counts = (fail: number, error: number, pass = 1) => ({
    checkId: '',
    title: '',
    counts: { pass, fail, error, exempt: 0, 'not-applicable': 2 },
    failing: fail,
    error,
    notCountedYet: 0,
    effective: true,
    passRate: null,
  });

  it('ranks by failures alone, errors apart, and leaves out checks that do not count yet', () => {
    const { rows, notCountedYet } = rankFailingChecks(
      [
        { ...counts(9, 0), checkId: 'later', failing: 0, effective: false },
        { ...counts(0, 8), checkId: 'broken' },
        { ...counts(2, 1), checkId: 'some' },
        { ...counts(3, 0), checkId: 'most' },
        { ...counts(0, 0), checkId: 'fine' },
      ],
      [
        definition('later', '2027-01-01'),
        definition('broken'),
        definition('some'),
        definition('most', '2026-11-01'),
        definition('fine'),
      ],
    );
    expect(rows.map(r => [r.id, r.failing, r.error, r.counted])).toEqual([
      ['most', 3, 0, 4],
      ['some', 2, 1, 4],
      ['broken', 0, 8, 9],
    ]);
    expect(notCountedYet.map(c => c.id)).toEqual(['later']);
  });
});
