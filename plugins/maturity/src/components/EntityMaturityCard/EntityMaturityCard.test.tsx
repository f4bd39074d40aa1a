import { screen } from '@testing-library/react';
import {
  entity,
  entityView,
  httpError,
  mockMaturityApi,
} from '../../__testUtils__/fixtures';
import { renderMaturity } from '../../__testUtils__/render';
import { EntityMaturityCard } from './EntityMaturityCard';

describe('EntityMaturityCard', () => {
  it('shows the level per scorecard and the failing count, linking to the tab', async () => {
    await renderMaturity(<EntityMaturityCard />, {
      api: mockMaturityApi(),
      entity,
    });
    expect(await screen.findByText('API Maturity')).toBeInTheDocument();
    expect(screen.getByLabelText('Level: Bronze')).toBeInTheDocument();
    expect(
      screen.getByText('1 failing check · next: Silver'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View maturity/ })).toHaveAttribute(
      'href',
      '/catalog/default/api/payments-api/maturity',
    );
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
