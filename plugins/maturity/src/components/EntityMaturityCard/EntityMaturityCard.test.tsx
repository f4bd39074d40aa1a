import { screen } from '@testing-library/react';
import type { EntityView } from '@ratchet/backstage-plugin-maturity-common';
import {
  entity,
  entityScorecard,
  entityView,
  httpError,
  mockMaturityApi,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { EntityMaturityContent } from '../EntityMaturityContent';
import { EntityMaturityCard } from './EntityMaturityCard';

/** One result of each kind: fail ≠ error ≠ not applicable ≠ not counted yet ≠ not evaluated. */
const mixedView: EntityView = {
  ...entityView,
  scorecards: [
    {
      ...entityScorecard,
      checks: (
        [
          ['pass', true],
          ['exempt', true],
          ['fail', true],
          ['fail', true],
          ['error', true],
          ['fail', false],
          ['not-applicable', true],
          ['pending', true],
        ] as const
      ).map(([status, effective], i) => ({
        ...entityScorecard.checks[i % entityScorecard.checks.length],
        id: `check-${i}`,
        title: `Check ${i}`,
        status,
        effective,
      })),
    },
  ],
};

describe('EntityMaturityCard', () => {
  it('shows the level per scorecard and what needs attention, an error not called a failure, linking to the tab', async () => {
    await renderMaturity(<EntityMaturityCard />, {
      api: mockMaturityApi(),
      entity,
    });
    expect(await screen.findByText('API Maturity')).toBeInTheDocument();
    expect(screen.getByLabelText('Level: Bronze')).toBeInTheDocument();
    expect(screen.getByText('1 in error · next: Silver')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View maturity/ })).toHaveAttribute(
      'href',
      '/catalog/default/api/payments-api/maturity',
    );
  });

  it('counts failing, in error and not counted yet apart, as the tab does', async () => {
    const api = mockMaturityApi({ getEntity: async () => mixedView });
    const card = await renderMaturity(<EntityMaturityCard />, { api, entity });
    expect(
      await screen.findByText('2 failing checks · 1 in error · next: Silver'),
    ).toBeInTheDocument();
    card.unmount();
    await renderMaturity(<EntityMaturityContent />, { api, entity });
    expect(
      await screen.findByText(
        '2 of 5 checks passing · 2 failing · 1 in error · 1 exempt · 1 not counted yet',
      ),
    ).toBeInTheDocument();
  });

  it('says all counted checks pass when only checks that do not count yet fail', async () => {
    const api = mockMaturityApi({
      getEntity: async () => ({
        ...mixedView,
        scorecards: [
          {
            ...mixedView.scorecards[0],
            checks: mixedView.scorecards[0].checks.filter(
              c => !['fail', 'error'].includes(c.status) || !c.effective,
            ),
          },
        ],
      }),
    });
    await renderMaturity(<EntityMaturityCard />, { api, entity });
    expect(
      await screen.findByText('All 2 checks pass · 1 not counted yet'),
    ).toBeInTheDocument();
  });

  it('says so when no scorecard rates the entity', async () => {
    const api = mockMaturityApi({
      getEntity: async () => ({ ...entityView, scorecards: [] }),
    });
    await renderMaturity(<EntityMaturityCard />, { api, entity });
    expect(
      await screen.findByText('No scorecard rates this entity.'),
    ).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockMaturityApi({
      getEntity: async () => {
        throw httpError(503, 'maturity backend unavailable');
      },
    });
    await renderMaturity(<EntityMaturityCard />, { api, entity });
    expect(
      await screen.findByText('Error: maturity backend unavailable'),
    ).toBeInTheDocument();
  });
});
