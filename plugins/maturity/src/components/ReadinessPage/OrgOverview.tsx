import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ReadinessLaunch,
  ReadinessPhaseCount,
} from '@ratchet/backstage-plugin-maturity-common';
import useAsync from 'react-use/lib/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { formatDate } from '../shared/format';
import { shortRef } from '../ReadinessCommon/labels';
import { useReadinessTabLink } from './links';

/** The window of the launches list, in days. */
export const LAUNCH_WINDOW_DAYS = 60;

const phaseColumns: TableColumn<ReadinessPhaseCount>[] = [
  { title: 'Checklist', render: p => shortRef(p.checklistRef) },
  { title: 'Phase', render: p => p.phaseTitle ?? 'Not started' },
  { title: 'Entities', field: 'count', type: 'numeric' },
];

/** The org page: entities by phase, and launches in the next 60 days with open items. */
export function OrgOverview() {
  const api = useApi(readinessApiRef);
  const tabLink = useReadinessTabLink();
  const [owner, setOwner] = useState('');
  const overview = useAsync(
    () =>
      api.getOverview({
        owner: owner.trim() || undefined,
        launchWithinDays: LAUNCH_WINDOW_DAYS,
      }),
    [api, owner],
  );
  const launchColumns: TableColumn<ReadinessLaunch>[] = [
    { title: 'Entity', render: l => <EntityRefLink entityRef={l.entityRef} /> },
    { title: 'Target launch', render: l => formatDate(l.targetLaunchDate) },
    { title: 'Phase', render: l => l.phase ?? 'Not started' },
    { title: 'Open for next phase', field: 'openForNext', type: 'numeric' },
    { title: 'Open items', field: 'openItems', type: 'numeric' },
    {
      title: '',
      render: l => <Link to={tabLink(l.entityRef)}>Readiness</Link>,
    },
  ];

  return (
    <>
      <Box mb={2}>
        <TextField
          id="readiness-overview-owner"
          label="Owner (group)"
          placeholder="e.g. payments"
          value={owner}
          onChange={e => setOwner(e.target.value)}
        />
      </Box>
      {overview.loading && <Progress />}
      {overview.error && <ResponseErrorPanel error={overview.error} />}
      {overview.value && overview.value.total === 0 && (
        <EmptyState
          missing="content"
          title="No entities follow a readiness checklist"
          description="Entities appear here once a Checklist applies to them."
        />
      )}
      {overview.value && overview.value.total > 0 && (
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <InfoCard title="At a glance">
              <Typography variant="h4">{overview.value.total}</Typography>
              <Typography variant="body2">
                entities with a readiness record
              </Typography>
              <Typography variant="h4">{overview.value.openReviews}</Typography>
              <Typography variant="body2">open reviews</Typography>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <Table<ReadinessPhaseCount>
              title="Entities by phase"
              options={{ paging: false, search: false, padding: 'dense' }}
              columns={phaseColumns}
              data={overview.value.byPhase}
            />
          </Grid>
          <Grid item xs={12}>
            <Table<ReadinessLaunch>
              title={`Launches in the next ${overview.value.launchWithinDays} days with open items`}
              options={{ paging: false, search: false, padding: 'dense' }}
              columns={launchColumns}
              data={overview.value.launches}
              emptyContent={
                <Box p={2}>
                  <Typography variant="body2">
                    No launch in the window has open items.
                  </Typography>
                </Box>
              }
            />
          </Grid>
        </Grid>
      )}
    </>
  );
}
