import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntityCampaign } from '@ratchet/backstage-plugin-maturity-common';
import { formatDate } from '../shared/format';
import { CampaignLink } from '../CampaignCommon/links';

type Row = EntityCampaign & { id: string };

/** The entity's standing in a campaign from its results: never "0 of 0 · Done" before it has any. */
export function campaignStanding(c: EntityCampaign): {
  passing: string;
  todo: string[] | 'done' | 'not evaluated';
} {
  const evaluated = c.counts.total > 0;
  if (!evaluated)
    return { passing: 'Not evaluated yet', todo: 'not evaluated' };
  const todo = c.checks
    .filter(k => k.status === 'fail' || k.status === 'error')
    .map(k => (k.status === 'error' ? `${k.title} (in error)` : k.title));
  return {
    passing: `${c.counts.passed} of ${c.counts.total} checks`,
    todo: todo.length === 0 ? 'done' : todo,
  };
}

/** The campaigns that target the entity (on its Maturity tab): due date, progress and what is left to do. */
export function CampaignsCard({
  campaigns,
  entityRef,
}: {
  campaigns: EntityCampaign[];
  /** When given, the title links to the entity's Campaigns tab. */
  entityRef?: string;
}) {
  const entityLink = useEntityRefLink();
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Campaign',
        field: 'title',
        render: c => <CampaignLink campaignRef={c.ref}>{c.title}</CampaignLink>,
      },
      { title: 'Due', field: 'dueDate', render: c => formatDate(c.dueDate) },
      {
        title: 'Passing',
        field: 'counts',
        render: c => campaignStanding(c).passing,
      },
      {
        title: 'Still to do',
        field: 'checks',
        render: c => {
          const { todo } = campaignStanding(c);
          if (todo === 'not evaluated')
            return (
              <Typography variant="body2" color="textSecondary">
                Waiting for its first results
              </Typography>
            );
          if (todo === 'done')
            return <Typography variant="body2">Done</Typography>;
          return todo.map(title => (
            <Typography key={title} variant="body2">
              {title}
            </Typography>
          ));
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
      title={
        entityRef ? (
          <Link to={`${entityLink(entityRef)}/campaigns`}>Campaigns</Link>
        ) : (
          'Campaigns'
        )
      }
      columns={columns}
      data={data}
      options={{ search: false, paging: false, padding: 'dense' }}
    />
  );
}
