import type {
  LevelCount,
  ScorecardEntity,
} from '@ratchet/backstage-plugin-maturity-common';
import {
  ApiRouter,
  callerOf,
  dayOf,
  findDefinition,
  windowStart,
} from '../http/context';
import { levelsOf } from './entityView';
import { reportFilters, visibleFiltered } from '../http/filters';
import { scorecardRefOf } from '../http/refs';
import { emptyDistribution } from './rollup';
import type { ScorecardContext } from './context';

/** Adds counts of `level` to a distribution; a level the scorecard no longer has is appended. */
function addTo(
  distribution: LevelCount[],
  level: string | null,
  count: number,
): void {
  const slot = distribution.find(d => d.level === level);
  if (slot) slot.count += count;
  else distribution.push({ level, count });
}

/**
 * A scorecard's entities ranked for attention, and its level distribution over time. Both cover the
 * entities the caller can see in the catalog, optionally narrowed by owner, system, lifecycle and kind
 * (resolved from the catalog as the roll-up resolves them); sorting, paging and counting are SQL.
 */
export function registerScorecardReportRoutes(
  router: ApiRouter,
  ctx: ScorecardContext,
) {
  router.get('/scorecards/:namespace/:name/entities', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
      kind: 'Scorecard',
    });
    const filters = reportFilters(req.query);
    const limit = req.query.limit ?? 50;
    const offset = req.query.offset ?? 0;
    const visible = await visibleFiltered(
      ctx,
      credentials,
      await ctx.queries.ratedEntityRefs(scorecard.ref),
      filters,
    );
    const page = await ctx.queries.entityLevelPage(
      scorecard.ref,
      visible.keys(),
      { limit, offset },
    );
    const titles = new Map(levelsOf(scorecard).map(l => [l.id, l.title]));
    const items: ScorecardEntity[] = page.rows.map(row => {
      const summary = visible.get(row.entityRef);
      return {
        entityRef: row.entityRef,
        ...(summary?.title ? { title: summary.title } : {}),
        owner: summary?.owner ?? null,
        system: summary?.system ?? null,
        lifecycle: summary?.lifecycle ?? null,
        level: {
          id: row.level,
          title: row.level === null ? null : titles.get(row.level) ?? row.level,
          index: row.levelIndex,
        },
        counts: {
          passed: row.passed,
          failed: row.failed,
          errored: row.errored,
          total: row.total,
        },
      };
    });
    const next = offset + items.length;
    res.json({
      items,
      total: page.total,
      limit,
      offset,
      nextOffset: next < page.total ? next : null,
    });
  });

  router.get('/scorecards/:namespace/:name/history', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
      kind: 'Scorecard',
    });
    const filters = reportFilters(req.query);
    const days = req.query.days ?? 30;
    const now = new Date();
    const today = dayOf(now);
    const sinceDay = dayOf(windowStart(now, days));
    const [snapshotRefs, rated] = await Promise.all([
      ctx.queries.snapshotEntityRefs(scorecard.ref, sinceDay),
      ctx.queries.ratedEntityRefs(scorecard.ref),
    ]);
    const visible = await visibleFiltered(
      ctx,
      credentials,
      [...snapshotRefs, ...rated],
      filters,
    );
    const rows = await ctx.queries.snapshotDistribution(
      scorecard.ref,
      sinceDay,
      visible.keys(),
    );
    const levelIds = levelsOf(scorecard).map(l => l.id);
    const byDay = new Map<string, LevelCount[]>();
    const pointOf = (day: string) => {
      let distribution = byDay.get(day);
      if (!distribution) {
        distribution = emptyDistribution(levelIds);
        byDay.set(day, distribution);
      }
      return distribution;
    };
    for (const row of rows) addTo(pointOf(row.day), row.level, row.count);
    if (!byDay.has(today)) {
      // Today has no snapshot yet (they are taken once a day): today is the current levels.
      const current = await ctx.queries.levelDistribution(
        scorecard.ref,
        new Map(rated.filter(ref => visible.has(ref)).map(ref => [ref, ''])),
      );
      const distribution = pointOf(today);
      for (const row of current) addTo(distribution, row.level, row.count);
    }
    res.json({
      scorecardRef: scorecard.ref,
      days,
      points: [...byDay]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, distribution]) => ({ day, distribution })),
    });
  });
}
