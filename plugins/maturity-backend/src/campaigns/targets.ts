import type {
  CampaignProgress,
  CampaignTargetState,
  CheckStatus,
  FailingCondition,
} from '@ratchet/backstage-plugin-maturity-common';

/** One stored result of a campaign check for a target, as the target state needs it. */
export interface TargetCheckResult {
  checkId: string;
  status: CheckStatus;
  message: string;
  failing?: FailingCondition;
}

/** A target's stored state. */
export interface TargetRecord {
  campaignRef: string;
  entityRef: string;
  title?: string;
  /** Owner group ref (lowercased), or null. */
  owner: string | null;
  state: CampaignTargetState;
  /** Since when it is in `state` (ISO). */
  since: string;
  /** When it joined the campaign (ISO). */
  joinedAt: string;
  firstPassedAt: string | null;
  regressed: boolean;
  /** The campaign checks it fails or errors, with their messages. */
  failing: TargetCheckResult[];
}

/**
 * The state of one target from its results of the campaign's checks: `notStarted` while some check has
 * no result yet, `failing` when a check fails or errors, `exempt` when it passes only thanks to an
 * exemption, `passing` otherwise (checks that do not apply count as done).
 */
export function targetState(
  checkIds: string[],
  results: TargetCheckResult[],
): { state: CampaignTargetState; failing: TargetCheckResult[] } {
  const byCheck = new Map(results.map(r => [r.checkId, r]));
  const failing = checkIds
    .map(id => byCheck.get(id))
    .filter(
      (r): r is TargetCheckResult =>
        r !== undefined && (r.status === 'fail' || r.status === 'error'),
    );
  if (failing.length) return { state: 'failing', failing };
  if (checkIds.some(id => !byCheck.has(id))) {
    return { state: 'notStarted', failing: [] };
  }
  const exempt = checkIds.some(id => byCheck.get(id)!.status === 'exempt');
  return { state: exempt ? 'exempt' : 'passing', failing: [] };
}

/** True for the states that count as done. */
export function isDone(state: CampaignTargetState): boolean {
  return state === 'passing' || state === 'exempt';
}

/**
 * The next stored record of a target: keeps `since` while the state holds, remembers the first time it
 * was done, and marks it regressed while it is not done after having been done once.
 */
export function nextTargetRecord(
  previous: TargetRecord | undefined,
  next: Omit<
    TargetRecord,
    'since' | 'joinedAt' | 'firstPassedAt' | 'regressed'
  >,
  now: Date,
): TargetRecord {
  const at = now.toISOString();
  const changed = !previous || previous.state !== next.state;
  const firstPassedAt =
    previous?.firstPassedAt ?? (isDone(next.state) ? at : null);
  return {
    ...next,
    since: changed ? at : previous.since,
    joinedAt: previous?.joinedAt ?? at,
    firstPassedAt,
    regressed: firstPassedAt !== null && !isDone(next.state),
  };
}

/** Counts of target states as the API shows them. */
export function progressOf(
  counts: Partial<Record<CampaignTargetState, number>> & {
    regressed?: number;
  },
): CampaignProgress {
  const passing = counts.passing ?? 0;
  const exempt = counts.exempt ?? 0;
  const failing = counts.failing ?? 0;
  const notStarted = counts.notStarted ?? 0;
  const targets = passing + exempt + failing + notStarted;
  return {
    targets,
    passing,
    exempt,
    failing,
    notStarted,
    regressed: counts.regressed ?? 0,
    ratio: targets ? (passing + exempt) / targets : null,
  };
}
