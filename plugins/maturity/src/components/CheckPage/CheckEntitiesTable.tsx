import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import type {
  CheckEntity,
  CheckStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { CheckStatusChip, STATUS_LABELS } from '../shared/CheckStatusChip';
import { LIST_ORDER } from '../shared/counts';
import { formatDate } from '../shared/format';
import { useMaturityLinks } from '../shared/links';
import { ReportFiltersBar } from '../shared/ReportFiltersBar';
import type { FilterOptions } from '../shared/useFilterOptions';

type Row = CheckEntity & { id: string };

/** Props of {@link CheckEntitiesTable}. */
export interface CheckEntitiesTableProps {
  parts: RefParts;
  checkId: string;
  owner?: string;
  onOwnerChange: (owner?: string) => void;
  ownerOptions?: FilterOptions;
  /** The status the list opens on (the page picks one that has entities); empty for all. */
  initialStatus?: CheckStatus | '';
}

/** The entities a check rates, one server page at a time, filtered by status and owner. */
export function CheckEntitiesTable({
  parts,
  checkId,
  owner,
  onOwnerChange,
  ownerOptions,
  initialStatus = 'fail',
}: CheckEntitiesTableProps) {
  const api = useApi(maturityApiRef);
  const links = useMaturityLinks();
  const [status, setStatus] = useState<CheckStatus | ''>(initialStatus);
  const [error, setError] = useState<Error>();
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Entity',
        field: 'entityRef',
        highlight: true,
        render: r => (
          <Link to={links.entityTab(r.entityRef)}>
            <EntityDisplayName
              entityRef={r.entityRef}
              hideIcon
              disableTooltip
            />
          </Link>
        ),
      },
      {
        title: 'Status',
        field: 'status',
        render: r => <CheckStatusChip status={r.status} />,
      },
      { title: 'Message', field: 'message', width: '50%' },
      {
        title: 'Since',
        field: 'since',
        cellStyle: { whiteSpace: 'nowrap' },
        render: r => formatDate(r.since),
      },
    ],
    [links],
  );
  return (
    <>
      <Box display="flex" flexWrap="wrap" alignItems="center" mb={2}>
        <Box mr={2}>
          <TextField
            select
            size="small"
            variant="outlined"
            id="maturity-filter-status"
            label="Status"
            style={{ minWidth: 180 }}
            value={status}
            onChange={e => setStatus(e.target.value as CheckStatus | '')}
          >
            <MenuItem value="">All</MenuItem>
            {LIST_ORDER.map(s => (
              <MenuItem key={s} value={s}>
                {STATUS_LABELS[s]}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <ReportFiltersBar
          show={['owner']}
          filters={{ owner }}
          options={ownerOptions}
          onChange={f => onOwnerChange(f.owner)}
        />
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      <Table<Row>
        key={`${status}|${owner ?? ''}`}
        title={status ? `Entities: ${STATUS_LABELS[status]}` : 'All entities'}
        subtitle="One page at a time; filter by status and owner above"
        columns={columns}
        options={{
          search: false,
          sorting: false,
          pageSize: 10,
          pageSizeOptions: [10, 25, 50],
          padding: 'dense',
          emptyRowsWhenPaging: false,
        }}
        data={async query => {
          setError(undefined);
          try {
            const detail = await api.getCheck(parts, checkId, {
              status: status || undefined,
              owner,
              limit: query.pageSize,
              offset: query.page * query.pageSize,
            });
            return {
              data: detail.entities.items.map(e => ({ ...e, id: e.entityRef })),
              page: query.page,
              totalCount: detail.entities.total,
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
