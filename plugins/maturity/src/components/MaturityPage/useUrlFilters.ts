import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ReportFilters } from '../../api';

const KEYS: Array<keyof ReportFilters> = [
  'owner',
  'system',
  'lifecycle',
  'kind',
];

/** The report filters kept in the URL, so a filtered report can be linked to. */
export function useUrlFilters(): [
  ReportFilters,
  (filters: ReportFilters) => void,
] {
  const [params, setParams] = useSearchParams();
  const key = KEYS.map(k => params.get(k) ?? '').join('|');
  const filters = useMemo(() => {
    const result: ReportFilters = {};
    for (const k of KEYS) {
      const value = params.get(k);
      if (value) result[k] = value;
    }
    return result;
    // Recompute only when a filter value changes, not on every params object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const setFilters = useCallback(
    (next: ReportFilters) => {
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
