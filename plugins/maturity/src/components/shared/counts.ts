import type {
  CheckResultView,
  StatusCounts,
} from '@ratchet/backstage-plugin-maturity-common';

/**
 * An entity's results on one scorecard, split by what they mean. This is the one definition of
 * "failing" every count in the UI uses: a failing result is a `fail` of a check that counts; an `error`
 * (the check could not be evaluated) is never a failure, a check before its `effectiveFrom` counts for
 * nothing yet, and not-applicable and not-yet-evaluated checks are neither.
 */
export interface ResultBreakdown {
  passing: number;
  exempt: number;
  failing: number;
  error: number;
  /** Evaluated results of checks before their `effectiveFrom`: shown, never costing a level. */
  notCountedYet: number;
  notApplicable: number;
  /** Checks not evaluated for the entity yet. */
  pending: number;
  /** Results that count: passing, exempt, failing and in error. */
  counted: number;
}

/** Splits an entity's check results by the one definition of {@link ResultBreakdown}. */
export function breakdownOf(
  checks: Array<Pick<CheckResultView, 'status' | 'effective'>>,
): ResultBreakdown {
  const b: ResultBreakdown = {
    passing: 0,
    exempt: 0,
    failing: 0,
    error: 0,
    notCountedYet: 0,
    notApplicable: 0,
    pending: 0,
    counted: 0,
  };
  for (const { status, effective } of checks) {
    if (status === 'pending') b.pending += 1;
    else if (status === 'not-applicable') b.notApplicable += 1;
    else if (!effective) b.notCountedYet += 1;
    else {
      b.counted += 1;
      if (status === 'pass') b.passing += 1;
      else if (status === 'exempt') b.exempt += 1;
      else if (status === 'fail') b.failing += 1;
      else b.error += 1;
    }
  }
  return b;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The parts of a breakdown worth saying besides passing: failing, in error, exempt, not counted yet. */
export function breakdownParts(
  b: ResultBreakdown,
  options: { always?: boolean } = {},
): string[] {
  const parts: string[] = [];
  if (options.always || b.failing > 0) parts.push(`${b.failing} failing`);
  if (b.error > 0) parts.push(`${b.error} in error`);
  if (b.exempt > 0) parts.push(`${b.exempt} exempt`);
  if (b.notCountedYet > 0) parts.push(`${b.notCountedYet} not counted yet`);
  return parts;
}

/** A one-line summary for the overview card: only what needs attention, or that all counted checks pass. */
export function attentionText(b: ResultBreakdown): string {
  if (b.failing === 0 && b.error === 0) {
    const all =
      b.counted === 0
        ? 'No check applies yet'
        : `All ${plural(b.counted, 'check')} pass`;
    return b.notCountedYet > 0
      ? `${all} · ${b.notCountedYet} not counted yet`
      : all;
  }
  const parts: string[] = [];
  if (b.failing > 0) parts.push(plural(b.failing, 'failing check'));
  if (b.error > 0) parts.push(`${b.error} in error`);
  return parts.join(' · ');
}

/** The full sentence for the entity tab: passing of counted, then every other count that is not zero. */
export function countsText(b: ResultBreakdown): string {
  return [
    `${b.passing + b.exempt} of ${plural(b.counted, 'check')} passing`,
    ...breakdownParts(b, { always: true }),
  ].join(' · ');
}

/** The check statuses a check page's entity list offers, failing first. */
export const LIST_ORDER = [
  'fail',
  'error',
  'pass',
  'exempt',
  'not-applicable',
] as const;

/** The status a check's entity list opens on: the first of {@link LIST_ORDER} that has entities. */
export function firstStatusWithEntities(
  counts: StatusCounts,
): (typeof LIST_ORDER)[number] {
  return LIST_ORDER.find(s => counts[s] > 0) ?? 'fail';
}
