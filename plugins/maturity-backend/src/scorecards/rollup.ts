import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  CheckStatus,
  LevelCount,
  Rollup,
  RollupGroup,
  RollupGroupBy,
} from '@ratchet/backstage-plugin-maturity-common';
import type {
  CompiledDefinition,
  CheckStatusCount,
  GroupCategoryRow,
} from '../evaluation';
import { reuseBriefly } from '../http/briefCache';
import { categoriesOf, levelsOf } from './entityView';
import { filtersKey, ReportFilters, visibleFiltered } from '../http/filters';
import { rate } from './history';
import { principalKey } from '../http/refs';
import type { ScorecardContext } from './context';

/** The group key of entities without an owner, system or domain (JSON keys cannot be null). */
const NONE = '';
/** Statuses a category share counts; `not-applicable` is neither passing nor failing. */
const COUNTED = new Set<CheckStatus>(['pass', 'exempt', 'fail', 'error']);

/**
 * The roll-up of a scorecard for a caller (optionally over the entities passing report filters),
 * reused for a few seconds (concurrent identical requests share one computation). Visibility and
 * grouping come from the catalog (cached per caller); levels are counted from the level rows read for
 * visibility, categories by one aggregate statement (for the whole organisation one that only reads an
 * index), whatever the number of entities.
 */
export function rollupFor(
  ctx: ScorecardContext,
  credentials: BackstageCredentials,
  scorecard: CompiledDefinition,
  groupBy: RollupGroupBy,
  filters: ReportFilters = {},
): Promise<Rollup> {
  const key = `rollup|${principalKey(credentials)}|${scorecard.ref}|${
    scorecard.hash
  }|${groupBy}|${filtersKey(filters)}`;
  return reuseBriefly(ctx, key, () =>
    computeRollup(ctx, credentials, scorecard, groupBy, filters),
  );
}

async function computeRollup(
  ctx: ScorecardContext,
  credentials: BackstageCredentials,
  scorecard: CompiledDefinition,
  groupBy: RollupGroupBy,
  filters: ReportFilters,
): Promise<Rollup> {
  const levelRows = await ctx.queries.levelRows(scorecard.ref);
  const rated = levelRows.map(r => r.entityRef);
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
  const categoryRows =
    groupBy === 'org'
      ? orgCategoryShares(
          await ctx.queries.checkStatusCounts(
            scorecard.ref,
            new Set(groups.keys()),
            rated,
          ),
          categoryOfCheck,
        )
      : await ctx.queries.categoryShares(
          scorecard.ref,
          categoryOfCheck,
          groups,
        );

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
  // The level rows were read for visibility anyway, so levels are counted here rather than in SQL.
  for (const row of levelRows) {
    const key = groups.get(row.entityRef);
    if (key === undefined) continue;
    const group = groupOf(key);
    group.entityCount += 1;
    const slot = group.distribution.find(d => d.level === row.level);
    if (slot) slot.count += 1;
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

/** Category shares of the single `org` group from results per check and status. */
function orgCategoryShares(
  counts: CheckStatusCount[],
  categoryOfCheck: Map<string, string>,
): GroupCategoryRow[] {
  const byCategory = new Map<string, GroupCategoryRow>();
  for (const { checkId, status, count } of counts) {
    const category = categoryOfCheck.get(checkId);
    if (category === undefined || !COUNTED.has(status)) continue;
    let row = byCategory.get(category);
    if (!row) {
      row = { group: 'org', category, passed: 0, total: 0 };
      byCategory.set(category, row);
    }
    row.total += count;
    if (status === 'pass' || status === 'exempt') row.passed += count;
  }
  return [...byCategory.values()];
}

/** A zero count for `none` and for every level, lowest first. */
export function emptyDistribution(levelIds: string[]): LevelCount[] {
  return [
    { level: null, count: 0 },
    ...levelIds.map(level => ({ level, count: 0 })),
  ];
}
