import { screen } from '@testing-library/react';
import type { ApiHolder } from '@backstage/core-plugin-api';
import {
  entity,
  httpError,
  mockMaturityApi,
} from '../../__testUtils__/fixtures';
import {
  passingTarget,
  targetedPoetry,
} from '../../__testUtils__/campaignFixtures';
import { renderCampaigns } from '../../__testUtils__/renderCampaigns';
import { maturityApiRef } from '../../api';
import { EntityCampaignsCard } from './EntityCampaignsCard';
import { EntityCampaignsContent } from './EntityCampaignsContent';
import { isCampaignTarget } from './conditions';

const notStarted = {
  ...targetedPoetry,
  target: {
    ...targetedPoetry.target,
    state: 'notStarted' as const,
    regressed: false,
    failingChecks: [],
  },
  progress: {
    ...targetedPoetry.progress,
    notStarted: 6,
    passing: 0,
    failing: 0,
    regressed: 0,
    ratio: 0,
  },
};

describe('EntityCampaignsContent', () => {
  it('shows what the entity must do, by when, with remediation and the campaign progress', async () => {
    const api = mockMaturityApi();
    await renderCampaigns(<EntityCampaignsContent />, { api, entity });
    expect(
      await screen.findByRole('link', {
        name: 'Move Python services from pip to Poetry',
      }),
    ).toHaveAttribute('href', '/campaigns/default/pip-to-poetry');
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(
      'api:default/payments-api',
    );
    expect(screen.getByText(/^Due Jan 15, 2027/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'Failing: 1 of 2 checks still to do (regressed after passing)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/— No poetry.lock on the default branch\./),
    ).toBeInTheDocument();
    expect(
      screen.getByText('poetry lock', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Progress of Move Python services from pip to Poetry: 3 of 6 done',
      }),
    ).toBeInTheDocument();
  });

  it('says "not evaluated yet" before the entity has results, never done', async () => {
    const api = mockMaturityApi({
      getEntityCampaigns: async entityRef => ({
        entityRef,
        items: [notStarted],
      }),
    });
    await renderCampaigns(<EntityCampaignsContent />, { api, entity });
    expect(
      await screen.findByText('Not evaluated yet: Not evaluated yet'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Not evaluated yet')).toHaveLength(1);
    expect(screen.queryByText(/Done/)).not.toBeInTheDocument();
  });

  it('shows a passing target as done since it first passed', async () => {
    const api = mockMaturityApi({
      getEntityCampaigns: async entityRef => ({
        entityRef,
        items: [{ ...targetedPoetry, target: passingTarget }],
      }),
    });
    await renderCampaigns(<EntityCampaignsContent />, { api, entity });
    expect(
      await screen.findByText('Passing: Done since Oct 10, 2026'),
    ).toBeInTheDocument();
  });

  it('explains when no campaign targets the entity, and shows errors', async () => {
    const empty = mockMaturityApi({
      getEntityCampaigns: async entityRef => ({ entityRef, items: [] }),
    });
    const { unmount } = await renderCampaigns(<EntityCampaignsContent />, {
      api: empty,
      entity,
    });
    expect(
      await screen.findByText('No campaign targets this entity'),
    ).toBeInTheDocument();
    unmount();
    const failing = mockMaturityApi({
      getEntityCampaigns: async () => {
        throw httpError(500, 'Campaign store down');
      },
    });
    await renderCampaigns(<EntityCampaignsContent />, { api: failing, entity });
    expect(
      await screen.findByText('Error: Campaign store down'),
    ).toBeInTheDocument();
  });
});

describe('EntityCampaignsCard', () => {
  it('lists the campaigns with the entity state and links to the Campaigns tab', async () => {
    await renderCampaigns(<EntityCampaignsCard />, {
      api: mockMaturityApi(),
      entity,
    });
    expect(
      await screen.findByRole('link', {
        name: 'Move Python services from pip to Poetry',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 of 2 checks still to do (regressed after passing)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /What to do/ })).toHaveAttribute(
      'href',
      '/catalog/default/api/payments-api/campaigns',
    );
  });
});

describe('isCampaignTarget', () => {
  const apis = (api: unknown): ApiHolder => ({
    get: ref => (ref.id === maturityApiRef.id ? api : undefined) as never,
  });

  it('is true when a campaign targets the entity, false when none does or the backend fails', async () => {
    await expect(
      isCampaignTarget(entity, { apis: apis(mockMaturityApi()) }),
    ).resolves.toBe(true);
    await expect(
      isCampaignTarget(entity, {
        apis: apis(
          mockMaturityApi({
            getEntityCampaigns: async entityRef => ({ entityRef, items: [] }),
          }),
        ),
      }),
    ).resolves.toBe(false);
    await expect(
      isCampaignTarget(entity, {
        apis: apis(
          mockMaturityApi({
            getEntityCampaigns: async () => {
              throw httpError(503);
            },
          }),
        ),
      }),
    ).resolves.toBe(false);
  });
});
