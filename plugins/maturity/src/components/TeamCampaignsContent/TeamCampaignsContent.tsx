import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import type {
  CampaignSummary,
  CampaignTargetPage,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { formatDate } from '../shared/format';
import { CampaignProgressBar } from '../CampaignCommon/CampaignProgressBar';
import { CampaignStateChip } from '../CampaignCommon/CampaignStateChip';
import { campaignParts, dueLabel, isOpen } from '../CampaignCommon/format';
import { CampaignLink } from '../CampaignCommon/links';
import { CampaignTargetsTable } from '../CampaignPage/CampaignTargetsTable';

/** Failing targets listed per campaign; the campaign page has the rest. */
const TARGETS_SHOWN = 50;

/** The team's open campaigns with work left, most urgent first: delayed, then by due date. */
export function teamWork(campaigns: CampaignSummary[]): CampaignSummary[] {
  return campaigns
    .filter(c => isOpen(c.state))
    .filter(c => {
      const p = c.ownerProgress ?? c.progress;
      return p.failing + p.notStarted > 0;
    })
    .sort(
      (a, b) =>
        Number(b.state === 'delayed') - Number(a.state === 'delayed') ||
        a.dueDate.localeCompare(b.dueDate) ||
        a.title.localeCompare(b.title),
    );
}

/** A Group's campaign work: each open campaign with the team's progress and its failing targets. */
export function TeamCampaignsContent({ now = new Date() }: { now?: Date }) {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(async () => {
    const campaigns = teamWork(
      await api.listCampaigns({ targetOwner: groupRef }),
    );
    const pages = await Promise.all(
      campaigns.map(c =>
        api.listCampaignTargets(campaignParts(c.ref), {
          owner: groupRef,
          state: 'failing',
          limit: TARGETS_SHOWN,
        }),
      ),
    );
    return campaigns.map((campaign, i) => ({
      campaign,
      failing: pages[i] as CampaignTargetPage,
    }));
  }, [api, groupRef]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No open campaign work"
        description="No campaign in progress has a failing target owned by this team."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {value.map(({ campaign, failing }) => (
        <Grid item xs={12} key={campaign.ref}>
          <InfoCard
            title={
              <>
                <CampaignLink campaignRef={campaign.ref}>
                  {campaign.title}
                </CampaignLink>{' '}
                <CampaignStateChip state={campaign.state} />
              </>
            }
            subheader={`Due ${formatDate(campaign.dueDate)} (${dueLabel(
              campaign.dueDate,
              now,
            )})`}
          >
            <Grid container spacing={2}>
              <Grid item xs={12} md={4}>
                <Typography variant="overline" display="block">
                  This team
                </Typography>
                <CampaignProgressBar
                  progress={campaign.ownerProgress ?? campaign.progress}
                  label={`Team progress in ${campaign.title}`}
                />
              </Grid>
              <Grid item xs={12} md={8}>
                {failing.items.length > 0 ? (
                  <CampaignTargetsTable
                    title="Failing targets of this team"
                    targets={failing.items}
                    total={failing.total}
                  />
                ) : (
                  <Typography color="textSecondary">
                    No failing target; the rest are not evaluated yet.
                  </Typography>
                )}
              </Grid>
            </Grid>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}
