import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  MarkdownContent,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CampaignTarget } from '@ratchet/backstage-plugin-maturity-common';
import { formatDate } from '../shared/format';

type Row = CampaignTarget & { id: string };

/** What a target must do: each failing check with its message and remediation. */
export function FailingChecksList({ target }: { target: CampaignTarget }) {
  if (target.failingChecks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {target.state === 'notStarted'
          ? 'Not evaluated yet'
          : 'Nothing left to do'}
      </Typography>
    );
  }
  return (
    <Box component="ul" m={0} pl={2}>
      {target.failingChecks.map(c => (
        <li key={c.checkId}>
          <Typography variant="body2" component="span">
            <strong>{c.title}</strong>
            {c.status === 'error' ? ' (in error)' : ''}: {c.message}
          </Typography>
          {c.remediation && <MarkdownContent content={c.remediation} />}
        </li>
      ))}
    </Box>
  );
}

/** The failing targets of a campaign with what to do and a link to each. */
export function CampaignTargetsTable({
  targets,
  total,
  title = 'Failing targets',
}: {
  targets: CampaignTarget[];
  /** All failing targets, when more than shown. */
  total: number;
  title?: string;
}) {
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Target',
        field: 'entityRef',
        width: '22%',
        render: t => (
          <>
            <EntityRefLink entityRef={t.entityRef} title={t.title} />
            {t.regressed && (
              <Box mt={0.5}>
                <Chip size="small" label="Regressed" />
              </Box>
            )}
          </>
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        width: '14%',
        render: t =>
          t.owner ? (
            <EntityRefLink entityRef={t.owner} defaultKind="group" />
          ) : (
            '–'
          ),
      },
      {
        title: 'Failing since',
        field: 'since',
        width: '12%',
        render: t => formatDate(t.since),
      },
      {
        title: 'What to do',
        field: 'failingChecks',
        sorting: false,
        render: t => <FailingChecksList target={t} />,
      },
    ],
    [],
  );
  const data = useMemo(
    () => targets.map(t => ({ ...t, id: t.entityRef })),
    [targets],
  );
  return (
    <Table<Row>
      title={
        total > targets.length
          ? `${title} (${targets.length} of ${total})`
          : `${title} (${total})`
      }
      columns={columns}
      data={data}
      options={{
        search: false,
        paging: targets.length > 10,
        pageSize: 10,
        padding: 'dense',
      }}
    />
  );
}
