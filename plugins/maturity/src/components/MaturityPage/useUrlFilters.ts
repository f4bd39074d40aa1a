import type { ReportFilterQuery } from '@ratchet/backstage-plugin-maturity-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

const KEYS: Array<keyof ReportFilterQuery> = [
  'owner',
  'system',
  'lifecycle',
  'kind',
];

/** The report filters kept in the URL, so a filtered report can be linked to. */
export function useUrlFilters(): [
  ReportFilterQuery,
  (filters: ReportFilterQuery) => void,
] {
  const [params, setParams] = useSearchParams();
  const key = KEYS.map(k => params.get(k) ?? '').join('|');
  const filters = useMemo(() => {
    const result: ReportFilterQuery = {};
    for (const k of KEYS) {
      const value = params.get(k);
      if (value) result[k] = value;
    }
    return result;
    // Recompute only when a filter value changes, not on every params object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const setFilters = useCallback(
    (next: ReportFilterQuery) => {
      setParams(
        prev => {
          const out = new URLSearchParams(prev);
          for (const k of KEYS) {
            const value = next[k];
            if (value) out.set(k, value);
            else out.delete(k);
          }
          return out;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, setFilters];
}
