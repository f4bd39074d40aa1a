import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CompiledDefinition } from '../scorecards/compileDefinitions';
import type {
  LevelCount,
  Rollup,
  RollupGroup,
  RollupGroupBy,
} from '../schema/models';
import type { ApiContext } from './context';
import { categoriesOf, levelsOf } from './entityView';
import { filtersKey, ReportFilters, visibleFiltered } from './filters';
import { rate } from './history';
import { principalKey } from './refs';

/** How long a computed roll-up is reused for the same caller: dashboards ask in bursts. */
const ROLLUP_TTL_MS = 5_000;
const MAX_CACHED = 200;
/** The group key of entities without an owner, system or domain (JSON keys cannot be null). */
const NONE = '';

const cache = new WeakMap<
  ApiContext,
  Map<string, { expires: number; value: Promise<Rollup> }>
>();

/**
 * The roll-up of a scorecard for a caller (optionally over the entities passing report filters), reused for a few seconds (concurrent identical requests share
 * one computation). Visibility and grouping come from the catalog (cached per caller); counting is one
 * aggregate statement for levels and one for categories, whatever the number of entities.
 */
export function rollupFor(
  ctx: ApiContext,
  credentials: BackstageCredentials,
  scorecard: CompiledDefinition,
  groupBy: RollupGroupBy,
  filters: ReportFilters = {},
): Promise<Rollup> {
  let entries = cache.get(ctx);
  if (!entries) {
    entries = new Map();
    cache.set(ctx, entries);
  }
  const key = `${principalKey(credentials)}|${scorecard.ref}|${
    scorecard.hash
  }|${groupBy}|${filtersKey(filters)}`;
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value;
  const value = computeRollup(ctx, credentials, scorecard, groupBy, filters);
  entries.set(key, { expires: now + ROLLUP_TTL_MS, value });
  value.catch(() => entries!.delete(key));
  for (const [k, e] of entries) {
    if (entries.size <= MAX_CACHED && e.expires > now) break;
    entries.delete(k);
  }
  return value;
}

async function computeRollup(
  ctx: ApiContext,
  credentials: BackstageCredentials,
  scorecard: CompiledDefinition,
  groupBy: RollupGroupBy,
  filters: ReportFilters,
): Promise<Rollup> {
  const rated = await ctx.queries.ratedEntityRefs(scorecard.ref);
  const visible = await visibleFiltered(ctx, credentials, rated, filters);
  const domains =
    groupBy === 'domain'
      ? await ctx.view.domains(
          credentials,
          [...visible.values()].flatMap(s => (s.system ? [s.system] : [])),
        )
      : new Map<string, string | null>();
  const groups = new Map<string, string>();
  for (const [ref, summary] of visible) {
    let key: string | null | undefined = 'org';
    if (groupBy === 'owner') key = summary.owner;
    else if (groupBy === 'system') key = summary.system;
    else if (groupBy === 'domain')
      key = summary.system && domains.get(summary.system);
    groups.set(ref, key ?? NONE);
  }

  const categoryOfCheck = new Map(
    scorecard.checks.flatMap(c =>
      c.category ? [[c.id, c.category] as [string, string]] : [],
    ),
  );
  const [levelRows, categoryRows] = await Promise.all([
    ctx.queries.levelDistribution(scorecard.ref, groups),
    ctx.queries.categoryShares(scorecard.ref, categoryOfCheck, groups),
  ]);

  const levels = levelsOf(scorecard);
  const categories = categoriesOf(scorecard);
  const byGroup = new Map<string, RollupGroup>();
  const groupOf = (key: string) => {
    let group = byGroup.get(key);
    if (!group) {
      group = {
        key: key === NONE ? null : key,
        entityCount: 0,
        distribution: emptyDistribution(levels.map(l => l.id)),
        categories: categories.map(c => ({
          id: c.id,
          passed: 0,
          total: 0,
          share: null,
        })),
      };
      byGroup.set(key, group);
    }
    return group;
  };
  for (const row of levelRows) {
    const group = groupOf(row.group);
    group.entityCount += row.count;
    const slot = group.distribution.find(d => d.level === row.level);
    if (slot) slot.count += row.count;
  }
  for (const row of categoryRows) {
    const share = groupOf(row.group).categories.find(
      c => c.id === row.category,
    );
    if (!share) continue;
    share.passed += row.passed;
    share.total += row.total;
    share.share = rate(share.passed, share.total);
  }
  // Named groups alphabetically, the group of entities without one last.
  const groupsSorted = [...byGroup.values()].sort((a, b) => {
    if (a.key === null || b.key === null)
      return Number(a.key === null) - Number(b.key === null);
    return a.key.localeCompare(b.key);
  });
  return {
    scorecardRef: scorecard.ref,
    groupBy,
    levels,
    categories,
    groups: groupsSorted,
  };
}

/** A zero count for `none` and for every level, lowest first. */
export function emptyDistribution(levelIds: string[]): LevelCount[] {
  return [
    { level: null, count: 0 },
    ...levelIds.map(level => ({ level, count: 0 })),
  ];
}
