// The entity view and gate schemas of openapi.yaml as TypeScript types, kept by hand.
import type { FailingCondition } from '@ratchet/backstage-plugin-maturity-common';
import type {
  CategoryModel,
  ExemptionModel,
  LevelModel,
  LevelReached,
  ResultStatus,
} from './models';

/** One check's result for an entity. */
export interface CheckResultView {
  /** Check id. */
  id: string;
  /** Title. */
  title: string;
  /** Description. */
  description?: string;
  /** Level id. */
  level?: string;
  /** Category id. */
  category?: string;
  /** What to do. */
  remediation?: string;
  /** Status. */
  status: ResultStatus;
  /** Message. */
  message: string;
  /** The deciding condition. */
  failing?: FailingCondition;
  /** Since when the status holds. */
  since?: string;
  /** When evaluated. */
  evaluatedAt?: string;
  /** False before effectiveFrom. */
  effective: boolean;
  /** A pending or active exemption. */
  exemption?: ExemptionModel;
}

/** A check standing between an entity and a level. */
export interface BlockingCheck {
  /** Check id. */
  id: string;
  /** Title. */
  title: string;
  /** Level id. */
  level: string;
  /** Category id. */
  category?: string;
  /** Status. */
  status: ResultStatus;
  /** Message. */
  message: string;
  /** What to do. */
  remediation?: string;
}

/** Pass/fail/error counts. */
export interface ResultCounts {
  /** Passed (exempt included). */
  passed: number;
  /** Failed. */
  failed: number;
  /** Errored. */
  errored: number;
  /** Applicable. */
  total: number;
}

/** An entity on one scorecard. */
export interface EntityScorecard {
  /** Scorecard ref. */
  ref: string;
  /** Title. */
  title: string;
  /** Evaluated at least once. */
  evaluated: boolean;
  /** Level reached. */
  level: LevelReached;
  /** Levels. */
  levels: LevelModel[];
  /** Categories. */
  categories: CategoryModel[];
  /** Counts. */
  counts: ResultCounts;
  /** Results per check. */
  checks: CheckResultView[];
  /** The next level and its blockers; null at the top. */
  nextLevel: {
    level: LevelModel;
    index: number;
    blocking: BlockingCheck[];
  } | null;
}

/** An entity in one campaign. */
export interface EntityCampaign {
  /** Campaign ref. */
  ref: string;
  /** Title. */
  title: string;
  /** Start date. */
  startDate: string;
  /** Due date. */
  dueDate: string;
  /** Counts. */
  counts: ResultCounts;
  /** Results per check. */
  checks: CheckResultView[];
}

/** Everything about one entity. */
export interface EntityView {
  /** Entity ref. */
  entityRef: string;
  /** Scorecards rating it. */
  scorecards: EntityScorecard[];
  /** Campaigns targeting it. */
  campaigns: EntityCampaign[];
}

/** Why a gate fails. */
export interface GateReason {
  /** Check id. */
  checkId: string;
  /** Title. */
  title: string;
  /** Level id. */
  level: string;
  /** Status. */
  status: ResultStatus;
  /** Message. */
  message: string;
  /** What to do. */
  remediation?: string;
}

/** A gate verdict. */
export interface GateResult {
  /** Reached minLevel. */
  pass: boolean;
  /** Entity ref. */
  entityRef: string;
  /** Scorecard ref. */
  scorecardRef: string;
  /** Level reached. */
  level: LevelReached;
  /** Level required. */
  required: LevelReached;
  /** Failing checks of the required level and below. */
  reasons: GateReason[];
}
