/*
 * What the client does against a backend that lacks a newer endpoint (its OpenAPI document says so): the
 * same answer, put together from the older endpoints, so components do not need two code paths.
 */
import type {
  Exemption,
  OffsetPage,
  ReportFilterQuery,
  ScorecardCheckCounts,
  ScorecardCheckOrder,
  ScorecardCheckPage,
} from '@ratchet/backstage-plugin-maturity-common';
import { mapLimit } from '../components/shared/mapLimit';
import type { MaturityApi, RefParts } from './MaturityApi';
import type { ExemptionFilters } from './types';

/** Requests in flight at once when one request per check stands in for one request. */
const CONCURRENCY = 4;

/** A page of a list held whole in memory. */
export function pageOf<T>(
  items: T[],
  limit: number,
  offset: number,
): OffsetPage<T> {
  const page = items.slice(offset, offset + limit);
  const next = offset + page.length;
  return {
    items: page,
    total: items.length,
    limit,
    offset,
    nextOffset: next < items.length ? next : null,
  };
}

/**
 * A scorecard's checks with their counts from one check detail request per check. The check detail only
 * filters by owner, so other filters cannot be honoured and are refused rather than ignored.
 */
export async function scorecardChecksFromDetails(
  api: Pick<MaturityApi, 'getScorecard' | 'getCheck'>,
  scorecard: RefParts,
  options: {
    filters?: ReportFilterQuery;
    order?: ScorecardCheckOrder;
    limit?: number;
    offset?: number;
  },
): Promise<ScorecardCheckPage> {
  const { owner, ...others } = options.filters ?? {};
  const unsupported = Object.entries(others).filter(([, v]) => v);
  if (unsupported.length > 0) {
    throw new Error(
      `The maturity backend cannot count checks by ${unsupported
        .map(([k]) => k)
        .join(', ')}; it is older than this frontend`,
    );
  }
  const detail = await api.getScorecard(scorecard);
  const details = await mapLimit(detail.checks, CONCURRENCY, check =>
    api.getCheck(scorecard, check.id, {
      ...(owner ? { owner } : {}),
      status: 'fail',
      limit: 1,
    }),
  );
  const items: ScorecardCheckCounts[] = detail.checks.map((check, i) => {
    const { counts, passRate } = details[i];
    return {
      checkId: check.id,
      title: check.title,
      ...(check.level ? { level: check.level } : {}),
      ...(check.category ? { category: check.category } : {}),
      counts,
      failing: counts.fail + counts.error,
      passRate,
    };
  });
  if (options.order === 'failing') {
    items.sort(
      (a, b) =>
        b.failing - a.failing ||
        a.title.localeCompare(b.title) ||
        a.checkId.localeCompare(b.checkId),
    );
  }
  // Every rated entity has a result for every check (not-applicable included): the largest sum is them.
  const entityCount = Math.max(
    0,
    ...items.map(i => Object.values(i.counts).reduce((n, c) => n + c, 0)),
  );
  return {
    scorecardRef: detail.ref,
    entityCount,
    ...pageOf(items, options.limit ?? 50, options.offset ?? 0),
  };
}

/** A page of exemptions cut from the whole (unpaged) list, filtered by check here. */
export async function exemptionPageFromList(
  api: Pick<MaturityApi, 'listExemptions'>,
  options: ExemptionFilters & { limit: number; offset: number },
): Promise<OffsetPage<Exemption>> {
  const { definitionRef, checkId, entityRef, status, limit, offset } = options;
  const all = await api.listExemptions({
    ...(entityRef ? { entityRef } : {}),
    ...(definitionRef ? { scorecard: definitionRef } : {}),
    ...(status ? { status } : {}),
  });
  return pageOf(
    checkId ? all.filter(e => e.checkId === checkId) : all,
    limit,
    offset,
  );
}
