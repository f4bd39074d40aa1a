import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ResultStore } from '../results/ResultStore';

/** The UTC day of an instant, as snapshots name days. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Takes today's level snapshot when today has none yet (or, with `scorecardRefs`, none of one of those
 * scorecards); returns whether that stored any row. The sweep refreshes the snapshot of its day anyway;
 * this covers the evaluations before it: on a fresh install the first catalog collection rates every
 * entity minutes before the first sweep, and a sweep scheduled once a night would leave the level
 * history empty all day.
 */
export async function snapshotTodayIfMissing(options: {
  results: ResultStore;
  logger: LoggerService;
  scorecardRefs?: string[];
  now?: Date;
}): Promise<boolean> {
  const { results, logger } = options;
  const day = dayOf(options.now ?? new Date());
  const present = options.scorecardRefs
    ? (
        await Promise.all(
          options.scorecardRefs.map(ref => results.hasSnapshot(day, ref)),
        )
      ).every(Boolean)
    : await results.hasSnapshot(day);
  if (present) return false;
  return (await snapshotDay({ results, logger, day })) > 0;
}

/**
 * Replaces the snapshot of `day` by the current levels; returns its rows, or 0 when it failed (logged).
 * Another replica's task may be taking the same snapshot at the same moment, and PostgreSQL then rejects
 * one of the two inserts as a duplicate: the other snapshot serves just as well, so this never throws.
 */
export async function snapshotDay(options: {
  results: ResultStore;
  logger: LoggerService;
  day: string;
}): Promise<number> {
  const { results, logger, day } = options;
  try {
    const rows = await results.snapshotLevels(day);
    logger.info('Took the level snapshot of the day', { day, rows });
    return rows;
  } catch (error) {
    logger.warn('Could not take the level snapshot of the day', {
      day,
      error: String(error),
    });
    return 0;
  }
}
