import { useMemo, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import type { Level } from '@ratchet/backstage-plugin-maturity-common';
import type { EntityLevelRow, EntityPageSource } from './entitySources';
import { LevelBadge } from './LevelBadge';
import { useMaturityLinks } from './links';

/** Props of {@link EntityLevelsTable}. */
export interface EntityLevelsTableProps {
  title: string;
  subtitle?: string;
  levels: Level[];
  source: EntityPageSource;
  pageSize?: number;
  /** The entity tab the entity links open (default `maturity`). */
  tabPath?: string;
  /** Hide the owner column (in a team's own view). */
  hideOwner?: boolean;
}

type Row = EntityLevelRow & { id: string };

/** A server-paginated table of entities with their level and failing checks on one scorecard. */
export function EntityLevelsTable({
  title,
  subtitle,
  levels,
  source,
  pageSize = 10,
  tabPath = 'maturity',
  hideOwner = false,
}: EntityLevelsTableProps) {
  const links = useMaturityLinks();
  const [error, setError] = useState<Error>();
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Entity',
        field: 'entityRef',
        highlight: true,
        render: r => (
          <Link to={links.entityTab(r.entityRef, tabPath)}>
            {r.title ?? (
              <EntityDisplayName
                entityRef={r.entityRef}
                hideIcon
                disableTooltip
              />
            )}
          </Link>
        ),
      },
      {
        title: 'Level',
        field: 'level',
        render: r =>
          r.level ? (
            <LevelBadge
              level={r.level.index >= 0 ? levels[r.level.index] : undefined}
            />
          ) : (
            <Typography variant="body2" color="textSecondary">
              Not rated
            </Typography>
          ),
      },
      {
        title: 'Failing',
        field: 'counts.failed',
        render: r => (r.counts ? r.counts.failed : '–'),
      },
      {
        title: 'In error',
        field: 'counts.errored',
        render: r => (r.counts ? r.counts.errored : '–'),
      },
      {
        title: 'Passing',
        field: 'counts.passed',
        render: r =>
          r.counts ? `${r.counts.passed} of ${r.counts.total}` : '–',
      },
      ...(hideOwner
        ? []
        : [
            {
              title: 'Owner',
              field: 'owner',
              render: (r: Row) =>
                r.owner ? (
                  <EntityRefLink entityRef={r.owner} defaultKind="group" />
                ) : (
                  '–'
                ),
            },
          ]),
      {
        title: 'System',
        field: 'system',
        render: r =>
          r.system ? (
            <EntityRefLink entityRef={r.system} defaultKind="system" />
          ) : (
            '–'
          ),
      },
      {
        title: 'Lifecycle',
        field: 'lifecycle',
        render: r => r.lifecycle ?? '–',
      },
    ],
    [links, levels, tabPath, hideOwner],
  );
  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      <Table<Row>
        title={title}
        subtitle={subtitle}
        columns={columns}
        options={{
          search: false,
          sorting: false,
          pageSize,
          pageSizeOptions: [10, 25, 50],
          padding: 'dense',
          emptyRowsWhenPaging: false,
        }}
        data={async query => {
          setError(undefined);
          try {
            const { rows, total } = await source(
              query.page * query.pageSize,
              query.pageSize,
            );
            return {
              data: rows.map(r => ({ ...r, id: r.entityRef })),
              page: query.page,
              totalCount: total,
            };
          } catch (e) {
            setError(e as Error);
            return { data: [], page: 0, totalCount: 0 };
          }
        }}
      />
    </>
  );
}
