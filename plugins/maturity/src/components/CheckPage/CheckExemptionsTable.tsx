import { useEffect, useState } from 'react';
import TablePagination from '@material-ui/core/TablePagination';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import { maturityApiRef } from '../../api';
import { ExemptionsTable } from '../shared/ExemptionsTable';

/** Props of {@link CheckExemptionsTable}. */
export interface CheckExemptionsTableProps {
  scorecardRef: string;
  checkId: string;
  pageSize?: number;
}

/** The exemptions of one check, newest request first, one server page at a time. */
export function CheckExemptionsTable({
  scorecardRef,
  checkId,
  pageSize = 10,
}: CheckExemptionsTableProps) {
  const api = useApi(maturityApiRef);
  const [page, setPage] = useState(0);
  const state = useAsyncRetry(
    () =>
      api.listExemptionPage({
        definitionRef: scorecardRef,
        checkId,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, scorecardRef, checkId, page, pageSize],
  );
  const total = state.value?.total;
  // A decision can empty the last page (a revoked request may leave the list): step back to one that has rows.
  useEffect(() => {
    if (total !== undefined && page > 0 && page * pageSize >= total) {
      setPage(Math.max(0, Math.ceil(total / pageSize) - 1));
    }
  }, [total, page, pageSize]);

  if (state.error) {
    return (
      <ResponseErrorPanel
        error={state.error}
        title="Could not load exemptions"
      />
    );
  }
  if (!state.value) return <Progress />;
  const count = state.value.total;
  return (
    <>
      <ExemptionsTable
        title="Exemptions of this check"
        subtitle={`${count} ${count === 1 ? 'exemption' : 'exemptions'}`}
        exemptions={state.value.items}
        showEntity
        showCheck={false}
        paging={false}
        onChanged={state.retry}
      />
      {count > pageSize && (
        <TablePagination
          component="div"
          count={count}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[pageSize]}
          onPageChange={(_event, next) => setPage(next)}
        />
      )}
    </>
  );
}
