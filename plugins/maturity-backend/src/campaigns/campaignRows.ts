// Rows of the campaign tables and their mapping to the store's records.
import type {
  CampaignProgress,
  CampaignState,
  CampaignTargetState,
} from '@ratchet/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { parseJson, toIsoTimestamp, toNumber } from '../database/values';
import type { CampaignRecord } from './CampaignStore';
import { progressOf, TargetCheckResult, TargetRecord } from './targets';

export const CAMPAIGNS = 'maturity_campaigns';
export const TRANSITIONS = 'maturity_campaign_transitions';
export const TARGETS = 'maturity_campaign_targets';
export const OWNERS = 'maturity_campaign_owner_progress';
export const SNAPSHOTS = 'maturity_campaign_snapshots';

/** Sort order of target states on campaign pages: the work first. */
export const STATE_RANK: Record<CampaignTargetState, number> = {
  failing: 0,
  notStarted: 1,
  exempt: 2,
  passing: 3,
};

export const TARGET_COLUMNS = {
  campaign_ref: 'text',
  entity_ref: 'text',
  title: 'text',
  owner_ref: 'text',
  state: 'text',
  state_rank: 'integer',
  since: 'timestamptz',
  joined_at: 'timestamptz',
  first_passed_at: 'timestamptz',
  regressed: 'integer',
  failing: 'text',
} as const;

export interface CampaignRow {
  campaign_ref: string;
  state: CampaignState;
  state_since: unknown;
  targets: unknown;
  passing: unknown;
  exempt: unknown;
  failing: unknown;
  not_started: unknown;
  regressed: unknown;
  completed_at: unknown;
  completed_checks: string | null;
  last_reminder_at: unknown;
}

export interface TargetRow {
  campaign_ref: string;
  entity_ref: string;
  title: string | null;
  owner_ref: string;
  state: CampaignTargetState;
  since: unknown;
  joined_at: unknown;
  first_passed_at: unknown;
  regressed: unknown;
  failing: string;
}

export type CountRow = {
  targets: unknown;
  passing: unknown;
  exempt: unknown;
  failing: unknown;
  not_started: unknown;
  regressed: unknown;
};

const optionalIso = (v: unknown) =>
  v === null || v === undefined ? null : toIsoTimestamp(v);

export function progressOfRow(row: CountRow): CampaignProgress {
  return progressOf({
    passing: toNumber(row.passing),
    exempt: toNumber(row.exempt),
    failing: toNumber(row.failing),
    notStarted: toNumber(row.not_started),
    regressed: toNumber(row.regressed),
  });
}

export function toCampaign(row: CampaignRow): CampaignRecord {
  return {
    campaignRef: row.campaign_ref,
    state: row.state,
    stateSince: toIsoTimestamp(row.state_since),
    progress: progressOfRow(row),
    completedAt: optionalIso(row.completed_at),
    completedChecks: row.completed_checks
      ? parseJson<string[]>(row.completed_checks)
      : null,
    lastReminderAt: optionalIso(row.last_reminder_at),
  };
}

export function toTarget(row: TargetRow): TargetRecord {
  return {
    campaignRef: row.campaign_ref,
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    owner: row.owner_ref || null,
    state: row.state,
    since: toIsoTimestamp(row.since),
    joinedAt: toIsoTimestamp(row.joined_at),
    firstPassedAt: optionalIso(row.first_passed_at),
    regressed: toNumber(row.regressed) === 1,
    failing: parseJson<TargetCheckResult[]>(row.failing),
  };
}

/** Counts of target states as SQL sums, grouped by the caller. */
export function countColumns(db: Knex) {
  const sum = (state: CampaignTargetState, alias: string) =>
    db.raw(`sum(case when state = ? then 1 else 0 end) as ${alias}`, [state]);
  return [
    db.raw('count(*) as targets'),
    sum('passing', 'passing'),
    sum('exempt', 'exempt'),
    sum('failing', 'failing'),
    sum('notStarted', 'not_started'),
    db.raw('sum(regressed) as regressed'),
  ];
}
