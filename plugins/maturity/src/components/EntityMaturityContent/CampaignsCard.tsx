import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntityCampaign } from '@ratchet/backstage-plugin-maturity-common';
import { formatDate } from '../shared/format';

type Row = EntityCampaign & { id: string };

/** The campaigns that target the entity: due date, progress and the checks still failing. */
export function CampaignsCard({ campaigns }: { campaigns: EntityCampaign[] }) {
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Campaign',
        field: 'title',
        render: c => <EntityRefLink entityRef={c.ref} title={c.title} />,
      },
      { title: 'Due', field: 'dueDate', render: c => formatDate(c.dueDate) },
      {
        title: 'Passing',
        field: 'counts',
        render: c => `${c.counts.passed} of ${c.counts.total}`,
      },
      {
        title: 'Still to do',
        field: 'checks',
        render: c => {
          const todo = c.checks.filter(
            k => k.status === 'fail' || k.status === 'error',
          );
          return todo.length === 0 ? (
            <Typography variant="body2">Done</Typography>
          ) : (
            todo.map(k => (
              <Typography key={k.id} variant="body2">
                {k.title}
              </Typography>
            ))
          );
        },
      },
    ],
    [],
  );
  const data = useMemo(
    () => campaigns.map(c => ({ ...c, id: c.ref })),
    [campaigns],
  );
  return (
    <Table<Row>
      title="Campaigns"
      columns={columns}
      data={data}
      options={{ search: false, paging: false, padding: 'dense' }}
    />
  );
}
