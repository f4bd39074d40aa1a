import type {
  CheckHistoryPoint,
  CheckStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import type { CheckTransitionRow } from '../evaluation';

/** passed / total rounded to 4 decimals, or null when nothing counts. */
export function rate(passed: number, total: number): number | null {
  return total === 0 ? null : Math.round((passed / total) * 10_000) / 10_000;
}

/**
 * A check's pass rate at the end of each of the last `days` days (today: now), oldest first.
 *
 * Computed from the current statuses and the transition log rather than from snapshots (which hold
 * levels, not checks): starting from now, transitions are undone newest first, so the state at the end
 * of each earlier day is exactly what it was — transitions are written for every status change. Its
 * reach is the transition retention (365 days by default); entities deleted from the catalog leave no
 * trace in either, so history is as if they never existed.
 */
export function passRateHistory(
  current: ReadonlyMap<string, CheckStatus>,
  transitionsNewestFirst: CheckTransitionRow[],
  days: number,
  now: Date,
): CheckHistoryPoint[] {
  const state = new Map(current);
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const points: CheckHistoryPoint[] = [];
  let next = 0;
  for (let back = 0; back < days; back++) {
    const dayStart = new Date(today.getTime() - back * 86_400_000);
    const end = back === 0 ? now.getTime() : dayStart.getTime() + 86_400_000;
    // Undo everything that happened after the end of this day.
    while (
      next < transitionsNewestFirst.length &&
      Date.parse(transitionsNewestFirst[next].at) >= end
    ) {
      const t = transitionsNewestFirst[next++];
      if (t.fromStatus === null) state.delete(t.entityRef);
      else state.set(t.entityRef, t.fromStatus);
    }
    let passed = 0;
    let failed = 0;
    for (const status of state.values()) {
      if (status === 'pass' || status === 'exempt') passed += 1;
      else if (status === 'fail' || status === 'error') failed += 1;
    }
    points.push({
      day: dayStart.toISOString().slice(0, 10),
      passed,
      failed,
      total: passed + failed,
      passRate: rate(passed, passed + failed),
    });
  }
  return points.reverse();
}
