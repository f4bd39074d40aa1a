import type { FailingCondition } from '../domain';
import type {
  Category,
  Level,
  LevelReached,
  ResultCounts,
  ResultStatus,
} from './common';
import type { Exemption } from './exemptions';

/** One check's result for an entity. */
export interface CheckResultView {
  id: string;
  title: string;
  description?: string;
  level?: string;
  category?: string;
  remediation?: string;
  status: ResultStatus;
  message: string;
  /** The condition that decided a failure or could not be evaluated. */
  failing?: FailingCondition;
  /** Since when the status holds. */
  since?: string;
  evaluatedAt?: string;
  /** False before the check's effectiveFrom date; such a check never costs a level. */
  effective: boolean;
  /** A pending or active exemption. */
  exemption?: Exemption;
}

/** A check that stands between an entity and its next level. */
export interface BlockingCheck {
  id: string;
  title: string;
  level: string;
  category?: string;
  status: ResultStatus;
  message: string;
  remediation?: string;
}

/** The next level and the checks of it and below that stand in the way. */
export interface NextLevel {
  level: Level;
  index: number;
  blocking: BlockingCheck[];
}

/** An entity's standing on one scorecard. */
export interface EntityScorecard {
  ref: string;
  title: string;
  /** False until the entity has been evaluated against this scorecard. */
  evaluated: boolean;
  level: LevelReached;
  levels: Level[];
  categories: Category[];
  counts: ResultCounts;
  checks: CheckResultView[];
  /** Null at the top level. */
  nextLevel: NextLevel | null;
}

/** An entity's results in a campaign that targets it. */
export interface EntityCampaign {
  ref: string;
  title: string;
  startDate: string;
  dueDate: string;
  counts: ResultCounts;
  checks: CheckResultView[];
}

/** Everything the maturity backend knows about one entity. */
export interface EntityView {
  entityRef: string;
  scorecards: EntityScorecard[];
  campaigns: EntityCampaign[];
}

/** The body of `POST /evaluate`. */
export interface EvaluateRequest {
  entityRef: string;
}

/** A failing check that keeps an entity below the gate's level. */
export interface GateReason {
  checkId: string;
  title: string;
  level: string;
  status: ResultStatus;
  message: string;
  remediation?: string;
}

/** A gate verdict: whether an entity reached a scorecard's level. */
export interface GateResult {
  /** The entity reached the required level. */
  pass: boolean;
  entityRef: string;
  scorecardRef: string;
  level: LevelReached;
  required: LevelReached;
  /** Failing checks of the required level and below. */
  reasons: GateReason[];
}
