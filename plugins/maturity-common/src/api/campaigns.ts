import type { JsonObject } from '@backstage/types';
import type { FailingCondition } from '../domain';
import type { OffsetPage } from './common';

/**
 * Where a campaign is in its life: `draft` (YAML `draft: true`), `scheduled` (before `startDate`),
 * `inProgress`, `delayed` (past `dueDate` with targets still failing), `completed` (every target passes,
 * or the due date came with `onCompletion.when: dueDate`) or `endedEarly` (its owner ended it).
 */
export type CampaignState =
  | 'draft'
  | 'scheduled'
  | 'inProgress'
  | 'delayed'
  | 'completed'
  | 'endedEarly';

/** Every campaign state, in lifecycle order. */
export const CAMPAIGN_STATES: readonly CampaignState[] = [
  'draft',
  'scheduled',
  'inProgress',
  'delayed',
  'completed',
  'endedEarly',
];

/**
 * Where one target is: `notStarted` (no result yet for some campaign check), `failing` (a check fails or
 * errors), `passing` (every applicable check passes) or `exempt` (passes only thanks to exemptions).
 */
export type CampaignTargetState =
  | 'notStarted'
  | 'failing'
  | 'passing'
  | 'exempt';

/** Every target state. */
export const CAMPAIGN_TARGET_STATES: readonly CampaignTargetState[] = [
  'notStarted',
  'failing',
  'passing',
  'exempt',
];

/** Target counts of a campaign, overall or for one owner group. */
export interface CampaignProgress {
  /** Targets counted (the catalog filter's matches). */
  targets: number;
  passing: number;
  exempt: number;
  failing: number;
  notStarted: number;
  /** Targets that passed once and fail again (counted in `failing`). */
  regressed: number;
  /** (passing + exempt) / targets, or null without targets. */
  ratio: number | null;
}

/** Where a completed campaign's checks ratchet in (`onCompletion.promoteTo`). */
export interface CampaignPromotion {
  /** The scorecard ref. */
  scorecard: string;
  /** The level id. */
  level: string;
  /** The category id, when given. */
  category?: string;
  /** When the checks joined the scorecard (the completion time), or null while not completed. */
  promotedAt: string | null;
}

/** A campaign in the list. */
export interface CampaignSummary {
  ref: string;
  namespace: string;
  name: string;
  title: string;
  description?: string;
  /** Owner group ref. */
  owner: string;
  tags: string[];
  state: CampaignState;
  /** Since when it is in `state`. */
  stateSince: string;
  /** ISO date (`YYYY-MM-DD`). */
  startDate: string;
  /** ISO date (`YYYY-MM-DD`). */
  dueDate: string;
  /** Overall progress. */
  progress: CampaignProgress;
  /** With `targetOwner`: that group's progress; otherwise absent. */
  ownerProgress?: CampaignProgress;
  /** Projected day every target passes at the recent rate, or null when it cannot be projected. */
  projectedCompletion: string | null;
  promoteTo?: CampaignPromotion;
}

/** The query of `GET /campaigns`. */
export interface CampaignListQuery {
  state?: CampaignState;
  /** Campaigns owned by this group (ref or name). */
  owner?: string;
  /** Campaigns with targets owned by this group (ref or name); adds `ownerProgress`. */
  targetOwner?: string;
}

/** One stored lifecycle transition. */
export interface CampaignTransition {
  /** Null for the first state. */
  from: CampaignState | null;
  to: CampaignState;
  at: string;
  /** Why, e.g. `startDate reached`, `all targets pass`, `definition changed: 3 new targets`. */
  cause: string;
  /** The user who caused it (ending early), when a person did. */
  actor?: string;
}

/** A campaign check as authored (references resolved). */
export interface CampaignCheckInfo {
  id: string;
  title: string;
  description?: string;
  /** What to do to pass (markdown). */
  remediation?: string;
  /** For a check referenced from a scorecard or campaign: that definition's ref. */
  from?: string;
}

/** One campaign with everything its page shows except the targets. */
export interface CampaignDetail extends CampaignSummary {
  /** Markdown. */
  brief: string;
  /** The target filter as authored. */
  targetFilter: JsonObject;
  checks: CampaignCheckInfo[];
  reminders: {
    /** ISO 8601 duration, or null without reminders. */
    every: string | null;
    beforeDue: string[];
    afterDue: boolean;
  };
  /** `allPass` or `dueDate`. */
  completeWhen: 'allPass' | 'dueDate';
  /** Oldest first. */
  transitions: CampaignTransition[];
  /** When the last reminder cycle was sent, or null. */
  lastReminderAt: string | null;
  /** When the next planned reminder cycle is due, or null when none is planned. */
  nextReminderAt: string | null;
  /** Definition health: problems only the backend can see (e.g. an unresolvable check reference). */
  problems: string[];
}

/** A campaign check a target fails, with what to do. */
export interface CampaignFailingCheck {
  checkId: string;
  title: string;
  /** `fail` or `error`. */
  status: 'fail' | 'error';
  message: string;
  remediation?: string;
  failing?: FailingCondition;
}

/** One target of a campaign. */
export interface CampaignTarget {
  entityRef: string;
  title?: string;
  /** Owner group ref (lowercased), or null. */
  owner: string | null;
  state: CampaignTargetState;
  /** Since when it is in `state`. */
  since: string;
  /** When it first passed every check, or null. */
  firstPassedAt: string | null;
  /** Passed once and fails again. */
  regressed: boolean;
  failingChecks: CampaignFailingCheck[];
}

/** A page of a campaign's targets, failing first. */
export type CampaignTargetPage = OffsetPage<CampaignTarget>;

/** The query of `GET /campaigns/{namespace}/{name}/targets`. */
export interface CampaignTargetQuery {
  owner?: string;
  state?: CampaignTargetState;
  limit?: number;
  offset?: number;
}

/** A daily burn-up point. */
export interface CampaignProgressPoint {
  /** `YYYY-MM-DD`. */
  day: string;
  targets: number;
  /** passing + exempt. */
  done: number;
  failing: number;
  notStarted: number;
}

/** The burn-up of a campaign and its projection. */
export interface CampaignProgressHistory {
  campaignRef: string;
  startDate: string;
  dueDate: string;
  /** Oldest first; one point per day with a snapshot. */
  points: CampaignProgressPoint[];
  projection: {
    /** Targets done per day over the recent window, or null without enough points. */
    ratePerDay: number | null;
    /** The day every target is projected to pass, or null. */
    completionDate: string | null;
    /** Days of history the rate is computed over. */
    windowDays: number;
  };
}

/** Progress of one owner group. */
export interface CampaignOwnerProgress {
  /** Owner group ref, or null for targets without an owner. */
  owner: string | null;
  progress: CampaignProgress;
}

/** Per-owner progress, least done first. */
export interface CampaignOwnerProgressList {
  campaignRef: string;
  items: CampaignOwnerProgress[];
}

/** The body of `POST /campaigns/{namespace}/{name}/nudge`. */
export interface CampaignNudgeRequest {
  /** Only this owner group (ref or name); all owners with failing targets otherwise. */
  owner?: string;
}

/** What a nudge sent. */
export interface CampaignNudgeResponse {
  /** One entry per notified owner group. */
  notified: Array<{ owner: string; failingTargets: number }>;
  /** Owner groups skipped because they were nudged too recently. */
  rateLimited: string[];
}

/** The body of `POST /campaigns/{namespace}/{name}/end`. */
export interface CampaignEndRequest {
  reason: string;
}

/** A campaign as one of its targets sees it. */
export interface TargetedCampaign extends CampaignSummary {
  /** The entity's own state in the campaign. */
  target: CampaignTarget;
  checks: CampaignCheckInfo[];
}

/** The campaigns targeting an entity (any state but draft), open ones first. */
export interface TargetedCampaignList {
  entityRef: string;
  items: TargetedCampaign[];
}
