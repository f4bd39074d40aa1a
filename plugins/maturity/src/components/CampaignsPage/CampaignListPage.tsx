import { useMemo } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import type { CampaignSummary } from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { formatDate } from '../shared/format';
import { CampaignProgressBar } from '../CampaignCommon/CampaignProgressBar';
import { CampaignStateChip } from '../CampaignCommon/CampaignStateChip';
import { dueLabel, isEnded, isOpen } from '../CampaignCommon/format';
import { CampaignLink } from '../CampaignCommon/links';

type Row = CampaignSummary & { id: string };

/** Presentational: campaigns with state, owner, due date and progress. */
export function CampaignTable({
  title,
  campaigns,
  now = new Date(),
}: {
  title: string;
  campaigns: CampaignSummary[];
  /** The clock the due dates are counted from. */
  now?: Date;
}) {
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Campaign',
        field: 'title',
        highlight: true,
        width: '36%',
        render: c => (
          <>
            <Typography variant="subtitle1" component="span">
              <CampaignLink campaignRef={c.ref}>{c.title}</CampaignLink>
            </Typography>
            {c.description && (
              <Typography variant="body2" color="textSecondary">
                {c.description}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'State',
        field: 'state',
        width: '10%',
        render: c => <CampaignStateChip state={c.state} />,
      },
      {
        title: 'Owner',
        field: 'owner',
        width: '12%',
        render: c => <EntityRefLink entityRef={c.owner} defaultKind="group" />,
      },
      {
        title: 'Due',
        field: 'dueDate',
        width: '14%',
        render: c => (
          <>
            <Typography variant="body2">{formatDate(c.dueDate)}</Typography>
            {isOpen(c.state) && (
              <Typography variant="caption" color="textSecondary">
                {dueLabel(c.dueDate, now)}
              </Typography>
            )}
            {c.state === 'scheduled' && (
              <Typography variant="caption" color="textSecondary">
                starts {formatDate(c.startDate)}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Progress',
        field: 'progress',
        sorting: false,
        width: '28%',
        cellStyle: { minWidth: 200 },
        render: c => (
          <CampaignProgressBar
            progress={c.progress}
            label={`Progress of ${c.title}`}
          />
        ),
      },
    ],
    [now],
  );
  const data = useMemo(
    () => campaigns.map(c => ({ ...c, id: c.ref })),
    [campaigns],
  );
  return (
    <Table<Row>
      title={`${title} (${campaigns.length})`}
      columns={columns}
      data={data}
      options={{
        search: false,
        paging: campaigns.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
    />
  );
}

/** Splits campaigns into active, scheduled and ended, keeping the backend's most-urgent-first order. */
export function groupCampaigns(campaigns: CampaignSummary[]) {
  return {
    active: campaigns.filter(c => isOpen(c.state)),
    scheduled: campaigns.filter(
      c => c.state === 'scheduled' || c.state === 'draft',
    ),
    ended: campaigns.filter(c => isEnded(c.state)),
  };
}

/** The campaigns page: active, scheduled and ended campaigns with their progress. */
export function CampaignListPage() {
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(() => api.listCampaigns(), [api]);
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value || value.length === 0)
    content = (
      <EmptyState
        missing="content"
        title="No campaigns yet"
        description="Campaigns are catalog entities of kind Campaign (apiVersion ratchet.dev/v1alpha1): a change to roll out across many entities by a due date. Register a Campaign YAML file and it appears here with its progress."
      />
    );
  else {
    const groups = groupCampaigns(value);
    content = (
      <Grid container spacing={3}>
        {(
          [
            ['Active', groups.active],
            ['Scheduled', groups.scheduled],
            ['Ended', groups.ended],
          ] as const
        ).map(([title, campaigns]) =>
          campaigns.length > 0 ? (
            <Grid item xs={12} key={title}>
              <CampaignTable title={title} campaigns={campaigns} />
            </Grid>
          ) : null,
        )}
      </Grid>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Campaigns"
        subtitle="Changes rolled out across the organisation, tracked target by target"
      />
      <Content>
        <ContentHeader title="Campaigns">
          <SupportButton>
            A campaign asks every entity its filter matches to pass a few checks
            by a due date. Owners are reminded until their targets pass; on
            completion the checks can ratchet into a scorecard level.
          </SupportButton>
        </ContentHeader>
        {content}
      </Content>
    </Page>
  );
}
