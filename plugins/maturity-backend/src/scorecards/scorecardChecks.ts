import {
  CHECK_STATUSES,
  CheckStatus,
  ScorecardCheckCounts,
  StatusCounts,
} from '@ratchet/backstage-plugin-maturity-common';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CompiledDefinition, CheckStatusCount } from '../evaluation';
import { ApiRouter, callerOf, findDefinition } from '../http/context';
import { reuseBriefly } from '../http/briefCache';
import {
  filtersKey,
  ReportFilters,
  reportFilters,
  visibleFiltered,
} from '../http/filters';
import { rate } from './history';
import { principalKey, scorecardRefOf } from '../http/refs';
import type { ScorecardContext } from './context';

function zeroCounts(): StatusCounts {
  return Object.fromEntries(CHECK_STATUSES.map(s => [s, 0])) as Record<
    CheckStatus,
    number
  >;
}

function countsByCheck(rows: CheckStatusCount[]): Map<string, StatusCounts> {
  const byCheck = new Map<string, StatusCounts>();
  for (const row of rows) {
    let counts = byCheck.get(row.checkId);
    if (!counts) {
      counts = zeroCounts();
      byCheck.set(row.checkId, counts);
    }
    counts[row.status] = row.count;
  }
  return byCheck;
}

/**
 * The one definition of "failing" every count of the API uses: a `fail` of a check that counts now. An
 * `error` (the check could not be evaluated) is never failing; the results of a check before its
 * `effectiveFrom` are "not counted yet"; not-applicable results are none of these.
 */
export function countedOf(
  counts: StatusCounts,
  effective: boolean,
): Pick<
  ScorecardCheckCounts,
  'counts' | 'failing' | 'error' | 'notCountedYet' | 'effective' | 'passRate'
> {
  const passed = counts.pass + counts.exempt;
  const evaluated = passed + counts.fail + counts.error;
  return {
    counts,
    failing: effective ? counts.fail : 0,
    error: effective ? counts.error : 0,
    notCountedYet: effective ? 0 : evaluated,
    effective,
    passRate: rate(passed, evaluated),
  };
}

/** Every check of a scorecard with its counts over the visible rated entities passing the filters. */
async function countChecks(
  ctx: ScorecardContext,
  credentials: BackstageCredentials,
  scorecard: CompiledDefinition,
  filters: ReportFilters,
): Promise<{ entityCount: number; items: ScorecardCheckCounts[] }> {
  const rated = await ctx.queries.ratedEntityRefs(scorecard.ref);
  const visible = await visibleFiltered(ctx, credentials, rated, filters);
  const byCheck = countsByCheck(
    await ctx.queries.checkStatusCounts(
      scorecard.ref,
      new Set(visible.keys()),
      rated,
    ),
  );
  const items = scorecard.checks.map(check => {
    const counts = byCheck.get(check.id) ?? zeroCounts();
    return {
      checkId: check.id,
      title: check.check.title,
      ...(check.level ? { level: check.level } : {}),
      ...(check.category ? { category: check.category } : {}),
      ...countedOf(counts, check.compiled.isEffective()),
    };
  });
  return { entityCount: visible.size, items };
}

/**
 * Every check of a scorecard with its result counts over the visible rated entities that pass the report
 * filters (a team's view asks with `owner`): one aggregate statement for all checks instead of one
 * request per check, reused for a few seconds like the roll-up. The few dozen checks of a scorecard are
 * then ordered and paged in memory, since the checks without any result exist only in the definition.
 */
export function registerScorecardCheckRoutes(
  router: ApiRouter,
  ctx: ScorecardContext,
) {
  router.get('/scorecards/:namespace/:name/checks', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
      kind: 'Scorecard',
    });
    const filters = reportFilters(req.query);
    const limit = req.query.limit ?? 50;
    const offset = req.query.offset ?? 0;
    const key = `checks|${principalKey(credentials)}|${scorecard.ref}|${
      scorecard.hash
    }|${filtersKey(filters)}`;
    const counted = await reuseBriefly(ctx, key, () =>
      countChecks(ctx, credentials, scorecard, filters),
    );
    // Sorted per request on a copy: the counted list is shared by every request within the TTL.
    const items = [...counted.items];
    if (req.query.order === 'failing') {
      // Failing is fail-only and 0 for a check that does not count yet, so neither errors nor such a
      // check can rank first.
      items.sort(
        (a, b) =>
          b.failing - a.failing ||
          a.title.localeCompare(b.title) ||
          a.checkId.localeCompare(b.checkId),
      );
    }
    const page = items.slice(offset, offset + limit);
    const next = offset + page.length;
    res.json({
      scorecardRef: scorecard.ref,
      entityCount: counted.entityCount,
      items: page,
      total: items.length,
      limit,
      offset,
      nextOffset: next < items.length ? next : null,
    });
  });
}
