import type { Entity } from '@backstage/catalog-model';
import type { CheckBase, CheckReference, EntityFilter } from './shared';

/** A Campaign check: either its own check, or a reference to a check of a Scorecard or Campaign. */
export type CampaignCheck = CheckBase | CampaignCheckReference;

/** A Campaign check that reuses an existing check. */
export interface CampaignCheckReference {
  /** The referenced check. */
  ref: CheckReference;
}

/** When owners of failing entities are reminded. */
export interface CampaignReminders {
  /** How often owners of failing entities are reminded while the campaign runs (ISO 8601 duration, e.g. `P7D`). */
  every: string;
  /** Extra reminders this long before the due date (ISO 8601 durations, e.g. `[P7D, P1D]`). */
  beforeDue?: string[];
  /** Keep reminding after the due date while entities still fail (default true). */
  afterDue?: boolean;
}

/** What happens when the campaign completes. */
export interface CampaignCompletion {
  /** The ratchet: on completion the campaign's checks join this Scorecard level (declared only here). */
  promoteTo?: {
    /** The Scorecard entity ref or name. */
    scorecard: string;
    /** The level id the checks become required at. */
    level: string;
    /** The category id they are shown under. */
    category?: string;
  };
  /**
   * `allPass` (default): the campaign completes when every target passes every check; past the due date
   * with targets not done it is delayed. `dueDate`: it completes on the day after the due date, whatever
   * is done.
   */
  when?: 'allPass' | 'dueDate';
}

/** The spec of a Campaign. */
export interface CampaignSpec {
  /** The owning Group entity ref. */
  owner: string;
  /** Why, what and how (markdown): shown on the campaign page and in reminders. */
  brief: string;
  /** The entities the campaign targets. */
  targets: EntityFilter;
  /** The checks each target must pass. */
  checks: CampaignCheck[];
  /** When the campaign starts (ISO date, `YYYY-MM-DD`). */
  startDate: string;
  /** When every target should pass (ISO date, after `startDate`). */
  dueDate: string;
  /** Reminder cadence. */
  reminders?: CampaignReminders;
  /** What happens on completion. */
  onCompletion?: CampaignCompletion;
  /** A draft campaign is visible but sends no reminders and has no effect. */
  draft?: boolean;
}

/** A `Campaign` catalog entity (apiVersion `ratchet.dev/v1alpha1`). */
export type CampaignEntityV1alpha1 = Entity & {
  /** The Ratchet apiVersion. */
  apiVersion: 'ratchet.dev/v1alpha1';
  /** The kind. */
  kind: 'Campaign';
  /** The spec. */
  spec: CampaignSpec;
};

/** True when a Campaign check is a reference to another check rather than an own check. */
export function isCampaignCheckReference(
  check: CampaignCheck,
): check is CampaignCheckReference {
  return 'ref' in check;
}
