import { ReactElement, useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  InfoCard,
  MarkdownContent,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import type { CampaignDetail } from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { formatDateTime } from '../shared/format';
import { campaignStateLabel, isOpen } from '../CampaignCommon/format';
import { CampaignActions } from './CampaignActions';
import { CampaignBurnUpCard } from './CampaignBurnUpCard';
import { CampaignOverviewCard } from './CampaignOverviewCard';
import { CampaignOwnersTable } from './CampaignOwnersTable';
import { CampaignTargetsTable } from './CampaignTargetsTable';

/** Failing targets shown on the page; the CSV export has them all. */
const FAILING_SHOWN = 200;

/** One part of the page: its loading state, its error, or its content. */
function Loaded<T>({
  state,
  title,
  render,
}: {
  state: { value?: T; error?: Error };
  title: string;
  render: (value: T) => ReactElement;
}) {
  if (state.error)
    return <ResponseErrorPanel title={title} error={state.error} />;
  if (state.value === undefined) return <Progress />;
  return render(state.value);
}

/** The stored lifecycle transitions, newest first. */
function TransitionsCard({ campaign }: { campaign: CampaignDetail }) {
  return (
    <InfoCard title="History">
      <Box component="ul" m={0} pl={2}>
        {[...campaign.transitions].reverse().map(t => (
          <li key={`${t.at}-${t.to}`}>
            <Typography variant="body2">
              {formatDateTime(t.at)}: {campaignStateLabel(t.to)} — {t.cause}
              {t.actor ? ` (${t.actor})` : ''}
            </Typography>
          </li>
        ))}
      </Box>
    </InfoCard>
  );
}

/** One campaign: brief, burn-up with due date and projection, per-team progress, failing targets. */
export function CampaignPage() {
  const { namespace = 'default', name = '' } = useParams();
  const api = useApi(maturityApiRef);
  const parts = { namespace, name };
  const [ended, setEnded] = useState<CampaignDetail>();
  const detail = useAsyncRetry(
    () => api.getCampaign({ namespace, name }),
    [api, namespace, name],
  );
  const history = useAsyncRetry(
    () => api.getCampaignProgress({ namespace, name }),
    [api, namespace, name],
  );
  const owners = useAsyncRetry(
    () => api.listCampaignOwners({ namespace, name }),
    [api, namespace, name],
  );
  const failing = useAsyncRetry(
    () =>
      api.listCampaignTargets(
        { namespace, name },
        { state: 'failing', limit: FAILING_SHOWN },
      ),
    [api, namespace, name],
  );
  const campaign = ended ?? detail.value;

  let content;
  if (detail.loading && !campaign) content = <Progress />;
  else if (detail.error || !campaign)
    content = (
      <ResponseErrorPanel error={detail.error ?? new Error('Not found')} />
    );
  else
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <CampaignActions
            campaign={campaign}
            onChanged={c => {
              setEnded(c);
              history.retry();
            }}
          />
        </Grid>
        <Grid item xs={12} md={5}>
          <CampaignOverviewCard campaign={campaign} />
        </Grid>
        <Grid item xs={12} md={7}>
          <Loaded
            state={history}
            title="Could not load the burn-up"
            render={value => (
              <CampaignBurnUpCard
                history={value}
                live={isOpen(campaign.state) ? campaign.progress : undefined}
              />
            )}
          />
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Brief">
            {campaign.brief.trim() ? (
              <MarkdownContent content={campaign.brief} />
            ) : (
              <Typography color="textSecondary">No brief.</Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Loaded
            state={owners}
            title="Could not load the per-team progress"
            render={value => <CampaignOwnersTable owners={value.items} />}
          />
        </Grid>
        <Grid item xs={12}>
          <Loaded
            state={failing}
            title="Could not load the failing targets"
            render={value => (
              <CampaignTargetsTable targets={value.items} total={value.total} />
            )}
          />
        </Grid>
        {campaign.transitions.length > 0 && (
          <Grid item xs={12}>
            <TransitionsCard campaign={campaign} />
          </Grid>
        )}
      </Grid>
    );

  return (
    <Page themeId="tool">
      <Header
        title={campaign?.title ?? parts.name}
        subtitle={campaign?.description ?? 'Campaign'}
        type="Campaign"
      />
      <Content>{content}</Content>
    </Page>
  );
}
