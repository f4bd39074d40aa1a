import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import type {
  LevelCount,
  ReportFilterQuery,
  Rollup,
  RollupGroup,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { mapLimit } from '../shared/mapLimit';

/** A roll-up by owner and whether the backend applied every filter itself. */
export interface ReportRollup {
  rollup: Rollup;
  /** False when filters are set that the backend cannot apply to roll-ups (only owner is applied here). */
  filteredOnServer: boolean;
}

function hasFilters(filters: ReportFilterQuery): boolean {
  return Object.values(filters).some(Boolean);
}

/** Sums the level distributions of several groups. */
export function sumDistributions(groups: RollupGroup[]): LevelCount[] {
  const total = new Map<string | null, number>();
  for (const group of groups) {
    for (const d of group.distribution)
      total.set(d.level, (total.get(d.level) ?? 0) + d.count);
  }
  return [...total].map(([level, count]) => ({ level, count }));
}

/**
 * The owner roll-up of a scorecard, filtered. When the backend's roll-up takes no filters (the spec's does
 * not yet), it is fetched unfiltered and the owner filter is applied here.
 */
export function useReportRollup(parts: RefParts, filters: ReportFilterQuery) {
  const api = useApi(maturityApiRef);
  return useAsync(async (): Promise<ReportRollup> => {
    const { rollupFilters } = await api.getFeatures();
    if (rollupFilters || !hasFilters(filters)) {
      const rollup = await api.getRollup(parts, { groupBy: 'owner', filters });
      return { rollup, filteredOnServer: true };
    }
    const rollup = await api.getRollup(parts, { groupBy: 'owner' });
    const groups = filters.owner
      ? rollup.groups.filter(g => g.key === filters.owner)
      : rollup.groups;
    return {
      rollup: { ...rollup, groups },
      filteredOnServer: !filters.system && !filters.lifecycle && !filters.kind,
    };
  }, [
    api,
    parts.namespace,
    parts.name,
    filters.owner,
    filters.system,
    filters.lifecycle,
    filters.kind,
  ]);
}

/** One day of a trend: either the level distribution or the share of passing results. */
export type TrendData =
  | {
      kind: 'levels';
      days: number;
      points: Array<{ day: string; distribution: LevelCount[] }>;
    }
  | {
      kind: 'passRate';
      days: number;
      points: Array<{ day: string; share: number | null }>;
    };

/**
 * The scorecard's trend. Uses the scorecard history; against an older backend without it, the
 * share of passing results per day is summed from the checks' pass-rate histories.
 */
export function useScorecardTrend(
  scorecard: ScorecardDetail | undefined,
  parts: RefParts,
  filters: ReportFilterQuery,
  days: number,
) {
  const api = useApi(maturityApiRef);
  return useAsync(async (): Promise<TrendData | undefined> => {
    if (!scorecard) return undefined;
    if ((await api.getFeatures()).scorecardHistory) {
      const history = await api.getScorecardHistory(parts, { days, filters });
      return { kind: 'levels', days, points: history.points };
    }
    const histories = await mapLimit(scorecard.checks, 4, check =>
      api.getCheckHistory(parts, check.id, { days }),
    );
    const byDay = new Map<string, { passed: number; counted: number }>();
    for (const history of histories) {
      for (const p of history.points) {
        const day = byDay.get(p.day) ?? { passed: 0, counted: 0 };
        day.passed += p.passed;
        day.counted += p.passed + p.failed;
        byDay.set(p.day, day);
      }
    }
    const points = [...byDay]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, v]) => ({
        day,
        share: v.counted > 0 ? v.passed / v.counted : null,
      }));
    return { kind: 'passRate', days, points };
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
