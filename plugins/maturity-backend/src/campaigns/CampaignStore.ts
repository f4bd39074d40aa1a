import type {
  CampaignProgress,
  CampaignState,
  CampaignTargetState,
  CampaignTransition,
} from '@ratchet/backstage-plugin-maturity-common';
import type { TargetRecord } from './targets';

/** A campaign's stored lifecycle and precomputed progress. */
export interface CampaignRecord {
  campaignRef: string;
  state: CampaignState;
  stateSince: string;
  progress: CampaignProgress;
  completedAt: string | null;
  /** The campaign's check ids when it completed (the re-open rule), or null. */
  completedChecks: string[] | null;
  lastReminderAt: string | null;
}

/** A transition to store; applied only when the campaign is still in `from` (replicas race). */
export interface NewTransition {
  /** The state it leaves; undefined creates the campaign. */
  from?: CampaignState;
  to: CampaignState;
  cause: string;
  actor?: string;
  at: Date;
  /** With `to: 'completed'`: the campaign's check ids now. */
  completedChecks?: string[];
}

/** A page query of targets. */
export interface TargetQuery {
  /** Owner group ref; '' for unowned targets. */
  owner?: string;
  state?: CampaignTargetState;
  /** Only these entities (visibility). */
  entityRefs?: string[];
  limit: number;
  offset: number;
}

/** A day of the burn-up. */
export interface SnapshotRecord {
  day: string;
  targets: number;
  done: number;
  failing: number;
  notStarted: number;
}

/** Campaign state in the plugin's database. */
export interface CampaignStore {
  /** Every stored campaign. */
  listCampaigns(): Promise<CampaignRecord[]>;
  /** One campaign, or undefined. */
  getCampaign(campaignRef: string): Promise<CampaignRecord | undefined>;
  /** Stores a transition; false when another writer moved the campaign first. */
  transition(campaignRef: string, step: NewTransition): Promise<boolean>;
  /** The transitions of a campaign, oldest first. */
  getTransitions(campaignRef: string): Promise<CampaignTransition[]>;
  /** Stored targets of a campaign among these entities (all of them without a list). */
  getTargets(
    campaignRef: string,
    entityRefs?: string[],
  ): Promise<TargetRecord[]>;
  /**
   * Writes changed targets and removes those that left, then recomputes the campaign's progress and
   * per-owner progress in the same transaction; returns the new overall progress.
   */
  applyTargets(
    campaignRef: string,
    changes: { upserts: TargetRecord[]; removals: string[]; at: Date },
  ): Promise<CampaignProgress>;
  /** The entity refs of every target of a campaign (for visibility checks before paging). */
  targetRefs(campaignRef: string): Promise<string[]>;
  /** A page of targets, failing first (regressed first among them), then by entity ref. */
  pageTargets(
    campaignRef: string,
    query: TargetQuery,
  ): Promise<{ items: TargetRecord[]; total: number }>;
  /** Per-owner progress of a campaign. */
  ownerProgress(
    campaignRef: string,
  ): Promise<Array<{ owner: string | null; progress: CampaignProgress }>>;
  /** One owner group's progress in every campaign it has targets in, by campaign ref. */
  progressOfOwner(owner: string): Promise<Map<string, CampaignProgress>>;
  /** Every campaign target row of an entity. */
  targetsOfEntity(entityRef: string): Promise<TargetRecord[]>;
  /** Records today's progress (replacing an earlier write of the same day). */
  snapshot(
    campaignRef: string,
    day: string,
    progress: CampaignProgress,
  ): Promise<void>;
  /** Burn-up points from `sinceDay` on, oldest first. */
  getSnapshots(
    campaignRef: string,
    sinceDay: string,
  ): Promise<SnapshotRecord[]>;
  /** Remembers when a reminder cycle was last sent. */
  setLastReminder(campaignRef: string, at: Date): Promise<void>;
  /** Changes whenever any campaign's stored state changes, on any instance: what API caches key on. */
  generation(): Promise<string>;
  /** Forgets a campaign gone from the catalog (its send log stays). */
  deleteCampaign(campaignRef: string): Promise<void>;
}
