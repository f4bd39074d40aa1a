import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReadinessQueueItem } from '@ratchet/backstage-plugin-maturity-common';
import {
  mockReadinessApi,
  renderReadiness,
  vetoedReview,
} from '../ReadinessCommon/__testUtils__/readinessFixtures';
import { OrgOverview } from './OrgOverview';
import { ReviewQueue } from './ReviewQueue';

function queued(
  entity: string,
  phase: string,
  areas: string[],
  days: number,
): ReadinessQueueItem {
  return {
    review: vetoedReview({
      id: entity,
      entityRef: `component:default/${entity}`,
      phase,
      status: 'open',
      veto: undefined,
      votes: [],
    }),
    areas,
    waitingDays: days,
    canReview: true,
  };
}

const page = (items: ReadinessQueueItem[]) => ({
  items,
  total: items.length,
  limit: 200,
  offset: 0,
  nextOffset: null,
});

describe('ReviewQueue', () => {
  it('lists open reviews in the order the backend gives (oldest first) and filters by phase and area', async () => {
    const all = [
      queued('refund-worker', 'green-light', ['reliability', 'testing'], 9),
      queued('payouts-service', 'ready-for-production', ['deployment'], 2),
    ];
    const api = mockReadinessApi({
      listReviews: jest.fn(async query =>
        page(
          all.filter(
            q =>
              (!query?.phase || q.review.phase === query.phase) &&
              (!query?.area || q.areas.includes(query.area)),
          ),
        ),
      ),
    });
    await renderReadiness(<ReviewQueue />, { api });

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('refund-worker');
    expect(rows[0]).toHaveTextContent('9 d');
    expect(rows[1]).toHaveTextContent('payouts-service');
    expect(
      within(rows[0]).getByRole('link', { name: 'Review' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/refund-worker/readiness',
    );

    await userEvent.click(screen.getByLabelText('Area'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'deployment' }),
    );
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith({
        phase: undefined,
        area: 'deployment',
        mine: undefined,
        limit: 200,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByText('refund-worker')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('payouts-service')).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Phase'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'green-light' }),
    );
    expect(await screen.findByText('No reviews waiting')).toBeInTheDocument();
  });

  it('shows the error when the queue cannot be loaded', async () => {
    const api = mockReadinessApi({
      listReviews: jest.fn(async () => {
        throw new Error('queue down');
      }),
    });
    await renderReadiness(<ReviewQueue />, { api });
    expect((await screen.findAllByText(/queue down/)).length).toBeGreaterThan(
      0,
    );
  });
});

describe('OrgOverview', () => {
  it('shows entities by phase and the launches of the next 60 days with open items', async () => {
    const api = mockReadinessApi({
      getOverview: jest.fn(async () => ({
        total: 3,
        openReviews: 1,
        launchWithinDays: 60,
        byPhase: [
          {
            checklistRef: 'checklist:default/operational-readiness',
            phase: 'playground',
            phaseTitle: 'Playground',
            count: 2,
          },
          {
            checklistRef: 'checklist:default/operational-readiness',
            phase: null,
            phaseTitle: null,
            count: 1,
          },
        ],
        launches: [
          {
            entityRef: 'component:default/fx-rates',
            checklistRef: 'checklist:default/operational-readiness',
            phase: 'playground',
            targetLaunchDate: '2027-01-20',
            openItems: 40,
            openForNext: 4,
          },
        ],
      })),
    });
    await renderReadiness(<OrgOverview />, { api });

    expect(await screen.findByText('Entities by phase')).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /Playground 2/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /Not started 1/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Launches in the next 60 days with open items'),
    ).toBeInTheDocument();
    const launch = screen.getByRole('row', { name: /fx-rates/ });
    expect(launch).toHaveTextContent('Jan 20, 2027');
    expect(launch).toHaveTextContent('40');
    expect(api.getOverview).toHaveBeenCalledWith({
      owner: undefined,
      launchWithinDays: 60,
    });
  });

  it('shows an empty state when no entity follows a checklist', async () => {
    await renderReadiness(<OrgOverview />, { api: mockReadinessApi() });
    expect(
      await screen.findByText('No entities follow a readiness checklist'),
    ).toBeInTheDocument();
  });
});
