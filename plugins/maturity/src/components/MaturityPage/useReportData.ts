import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import type {
  LevelCount,
  ReportFilterQuery,
  RollupGroup,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';

/** Sums the level distributions of several groups. */
export function sumDistributions(groups: RollupGroup[]): LevelCount[] {
  const total = new Map<string | null, number>();
  for (const group of groups) {
    for (const d of group.distribution)
      total.set(d.level, (total.get(d.level) ?? 0) + d.count);
  }
  return [...total].map(([level, count]) => ({ level, count }));
}

/** The owner roll-up of a scorecard over the entities passing the filters. */
export function useReportRollup(parts: RefParts, filters: ReportFilterQuery) {
  const api = useApi(maturityApiRef);
  return useAsync(
    () => api.getRollup(parts, { groupBy: 'owner', filters }),
    [
      api,
      parts.namespace,
      parts.name,
      filters.owner,
      filters.system,
      filters.lifecycle,
      filters.kind,
    ],
  );
}

/** The level distribution per day over a number of days. */
export interface TrendData {
  days: number;
  points: Array<{ day: string; distribution: LevelCount[] }>;
}

/** The scorecard's level distribution per day over the entities passing the filters. */
export function useScorecardTrend(
  scorecard: ScorecardDetail | undefined,
  parts: RefParts,
  filters: ReportFilterQuery,
  days: number,
) {
  const api = useApi(maturityApiRef);
  return useAsync(async (): Promise<TrendData | undefined> => {
    if (!scorecard) return undefined;
    const history = await api.getScorecardHistory(parts, { days, filters });
    return { days, points: history.points };
  }, [
    api,
    scorecard,
    parts.namespace,
    parts.name,
    days,
    filters.owner,
    filters.system,
    filters.lifecycle,
    filters.kind,
  ]);
}
