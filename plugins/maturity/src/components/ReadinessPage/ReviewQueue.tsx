import { useState } from 'react';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ReadinessQueueItem } from '@ratchet/backstage-plugin-maturity-common';
import useAsync from 'react-use/lib/useAsync';
import { readinessApiRef } from '../../api/ReadinessApi';
import { formatDateTime } from '../shared/format';
import { ReviewStatusChip, shortRef } from '../ReadinessCommon/labels';
import { useReadinessTabLink } from './links';

function queueColumns(
  tabLink: (entityRef: string) => string,
): TableColumn<ReadinessQueueItem>[] {
  return [
    {
      title: 'Entity',
      render: q => <EntityRefLink entityRef={q.review.entityRef} />,
    },
    { title: 'Phase', render: q => q.review.phase },
    {
      title: 'Status',
      render: q => <ReviewStatusChip status={q.review.status} />,
    },
    {
      title: 'Requested',
      render: q =>
        `${formatDateTime(q.review.requestedAt)} by ${shortRef(
          q.review.requestedBy,
        )}`,
    },
    { title: 'Waiting', render: q => `${q.waitingDays} d` },
    {
      title: 'Approvals',
      render: q => `${q.review.approvals} of ${q.review.requiredApprovals}`,
    },
    {
      title: 'Areas',
      // A walkthrough covers most areas; the first three and a count keep the row short.
      render: q => (
        <span title={q.areas.join(', ')}>
          {q.areas.slice(0, 3).join(', ')}
          {q.areas.length > 3 && ` +${q.areas.length - 3}`}
        </span>
      ),
    },
    {
      title: '',
      render: q => (
        <Link to={tabLink(q.review.entityRef)}>
          {q.canReview ? 'Review' : 'Open'}
        </Link>
      ),
    },
  ];
}

/** The reviewer queue: open reviews, oldest request first, filtered by area and phase. */
export function ReviewQueue() {
  const api = useApi(readinessApiRef);
  const tabLink = useReadinessTabLink();
  const [phase, setPhase] = useState('');
  const [area, setArea] = useState('');
  const [mine, setMine] = useState(false);
  // The filter choices come from the whole queue, so a filter never hides its own alternatives.
  const all = useAsync(() => api.listReviews({ limit: 500 }), [api]);
  const page = useAsync(
    () =>
      api.listReviews({
        phase: phase || undefined,
        area: area || undefined,
        mine: mine || undefined,
        limit: 200,
      }),
    [api, phase, area, mine],
  );
  const phases = [...new Set(all.value?.items.map(q => q.review.phase))].sort();
  const areas = [...new Set(all.value?.items.flatMap(q => q.areas))].sort();

  return (
    <>
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <TextField
          select
          id="readiness-queue-phase"
          label="Phase"
          value={phase}
          style={{ minWidth: 200 }}
          onChange={e => setPhase(e.target.value)}
        >
          <MenuItem value="">All phases</MenuItem>
          {phases.map(p => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="readiness-queue-area"
          label="Area"
          value={area}
          style={{ minWidth: 200 }}
          onChange={e => setArea(e.target.value)}
        >
          <MenuItem value="">All areas</MenuItem>
          {areas.map(a => (
            <MenuItem key={a} value={a}>
              {a}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch checked={mine} onChange={e => setMine(e.target.checked)} />
          }
          label="Only reviews I can act on"
        />
      </Box>
      {page.loading && <Progress />}
      {page.error && <ResponseErrorPanel error={page.error} />}
      {page.value && page.value.items.length === 0 && (
        <EmptyState
          missing="content"
          title="No reviews waiting"
          description="Reviews appear here when a team requests the sign-off of a phase."
        />
      )}
      {page.value && page.value.items.length > 0 && (
        <Table<ReadinessQueueItem>
          title={`Open reviews (${page.value.total})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={queueColumns(tabLink)}
          data={page.value.items}
        />
      )}
    </>
  );
}
