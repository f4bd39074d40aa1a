import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CampaignOwnerProgress } from '@ratchet/backstage-plugin-maturity-common';
import { CampaignProgressBar } from '../CampaignCommon/CampaignProgressBar';

type Row = CampaignOwnerProgress & { id: string };

/** Progress per owner group, least done first (the backend's order). */
export function CampaignOwnersTable({
  owners,
}: {
  owners: CampaignOwnerProgress[];
}) {
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Team',
        field: 'owner',
        width: '30%',
        render: o =>
          o.owner ? (
            <EntityRefLink entityRef={o.owner} defaultKind="group" />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No owner
            </Typography>
          ),
      },
      {
        title: 'Failing',
        field: 'progress.failing',
        type: 'numeric',
        width: '10%',
      },
      {
        title: 'Targets',
        field: 'progress.targets',
        type: 'numeric',
        width: '10%',
      },
      {
        title: 'Progress',
        field: 'progress',
        sorting: false,
        render: o => (
          <CampaignProgressBar
            progress={o.progress}
            label={`Progress of ${o.owner ?? 'targets without an owner'}`}
          />
        ),
      },
    ],
    [],
  );
  const data = useMemo(
    () => owners.map(o => ({ ...o, id: o.owner ?? '(none)' })),
    [owners],
  );
  return (
    <Table<Row>
      title="Progress per team"
      columns={columns}
      data={data}
      options={{
        search: false,
        paging: owners.length > 10,
        pageSize: 10,
        padding: 'dense',
      }}
    />
  );
}
