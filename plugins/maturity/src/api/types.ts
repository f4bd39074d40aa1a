/*
 * The shapes of the maturity backend's REST API, as its OpenAPI spec
 * (`plugins/maturity-backend/src/schema/openapi.yaml`) declares them. Types marked "proposed" are not in
 * the spec yet: the UI falls back to what the spec offers when the backend answers 404 for them.
 */
import type {
  CheckStatus,
  FailingCondition,
} from '@ratchet/backstage-plugin-maturity-common';

export type { CheckStatus, FailingCondition };

/** A check status, or `pending` before the check was first evaluated for the entity. */
export type ResultStatus = CheckStatus | 'pending';

/** How many results have each status. */
export type StatusCounts = Record<CheckStatus, number>;

/** A level of a scorecard; `color` is the author's colour for badges and charts. */
export interface Level {
  id: string;
  title: string;
  description?: string;
  color?: string;
}

/** A category of checks (a column of the rubric, a column of the heatmap). */
export interface Category {
  id: string;
  title: string;
  description?: string;
}

/** The level an entity reached; id and title are null below the first level (index -1). */
export interface LevelReached {
  id: string | null;
  title: string | null;
  index: number;
}

/** How many entities are at a level; `level: null` counts those below the first level. */
export interface LevelCount {
  level: string | null;
  count: number;
}

/** A scorecard in the list, with the level distribution of the entities the caller can see. */
export interface ScorecardSummary {
  ref: string;
  namespace: string;
  name: string;
  title: string;
  description?: string;
  owner: string;
  levels: Level[];
  categories: Category[];
  checkCount: number;
  entityCount: number;
  distribution: LevelCount[];
}

/** A check as authored, with its rule as readable text. */
export interface CheckDefinition {
  id: string;
  title: string;
  description?: string;
  level?: string;
  category?: string;
  remediation?: string;
  rule: object;
  ruleText: string;
  appliesTo?: object;
  effectiveFrom?: string;
  fromCampaign?: string;
  problems: string[];
}

/** One scorecard with its checks. */
export interface ScorecardDetail extends ScorecardSummary {
  appliesTo?: object;
  checks: CheckDefinition[];
}

/** The state of an exemption request. */
export type ExemptionStatus = 'requested' | 'approved' | 'denied' | 'revoked';

/** An exemption of one check for one entity. */
export interface Exemption {
  id: string;
  entityRef: string;
  definitionRef: string;
  checkId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: ExemptionStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  expiresAt?: string;
  /** Approved and not expired now. */
  active: boolean;
}

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
  failing?: FailingCondition;
  since?: string;
  evaluatedAt?: string;
  /** False before the check's effectiveFrom date; such a check never costs a level. */
  effective: boolean;
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

/** The next level and what stands in the way. */
export interface NextLevel {
  level: Level;
  index: number;
  blocking: BlockingCheck[];
}

/** Result counts of one entity on one definition. */
export interface ResultCounts {
  passed: number;
  failed: number;
  errored: number;
  total: number;
}

/** An entity's standing on one scorecard. */
export interface EntityScorecard {
  ref: string;
  title: string;
  evaluated: boolean;
  level: LevelReached;
  levels: Level[];
  categories: Category[];
  counts: ResultCounts;
  checks: CheckResultView[];
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

/** An entity rated by a check. */
export interface CheckEntity {
  entityRef: string;
  status: CheckStatus;
  message: string;
  failing?: FailingCondition;
  since: string;
  evaluatedAt: string;
}

/** A page of items with offset pagination. */
export interface OffsetPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  nextOffset: number | null;
}

/** A check with its status counts and a page of the entities it rates. */
export interface CheckDetail {
  scorecardRef: string;
  check: CheckDefinition;
  counts: StatusCounts;
  passRate: number | null;
  entities: OffsetPage<CheckEntity>;
}

/** Share of passing results of one category in one roll-up group. */
export interface CategoryShare {
  id: string;
  passed: number;
  total: number;
  share: number | null;
}

/** One group of a roll-up (an owner, system, domain, or `org`). */
export interface RollupGroup {
  key: string | null;
  entityCount: number;
  distribution: LevelCount[];
  categories: CategoryShare[];
}

/** How a roll-up groups entities. */
export type RollupGroupBy = 'owner' | 'system' | 'domain' | 'org';

/** Level distribution and category shares per group. */
export interface Rollup {
  scorecardRef: string;
  groupBy: RollupGroupBy;
  levels: Level[];
  categories: Category[];
  groups: RollupGroup[];
}

/** A change of a check's status for an entity. */
export interface Transition {
  checkId: string;
  fromStatus: CheckStatus | null;
  toStatus: CheckStatus;
  message: string;
  at: string;
}

/** One day of an entity's level history. */
export interface LevelSnapshot {
  day: string;
  level: string | null;
  levelIndex: number;
  passed: number;
  total: number;
}

/** An entity's level over time and its recent status changes on one scorecard. */
export interface EntityHistory {
  entityRef: string;
  scorecardRef: string;
  days: number;
  snapshots: LevelSnapshot[];
  transitions: Transition[];
}

/** One day of a check's pass rate. */
export interface CheckHistoryPoint {
  day: string;
  passed: number;
  failed: number;
  total: number;
  passRate: number | null;
}

/** A check's pass rate per day. */
export interface CheckHistory {
  scorecardRef: string;
  checkId: string;
  days: number;
  points: CheckHistoryPoint[];
}

/** Filters of the org report. */
export interface ReportFilters {
  owner?: string;
  system?: string;
  lifecycle?: string;
  kind?: string;
}

/** (proposed) An entity rated by a scorecard, with its level, for rankings and team views. */
export interface ScorecardEntity {
  entityRef: string;
  title?: string;
  owner?: string | null;
  system?: string | null;
  lifecycle?: string | null;
  level: LevelReached;
  counts: ResultCounts;
}

/** (proposed) The level distribution of a scorecard per day. */
export interface ScorecardHistory {
  scorecardRef: string;
  days: number;
  points: Array<{ day: string; distribution: LevelCount[] }>;
}

/** How a scorecard's checks are ordered: as authored, or most failing first. */
export type ScorecardCheckOrder = 'definition' | 'failing';

/** A check of a scorecard with its result counts over the entities asked for (e.g. a team's). */
export interface ScorecardCheckCounts {
  checkId: string;
  title: string;
  level?: string;
  category?: string;
  counts: StatusCounts;
  /** fail + error. */
  failing: number;
  passRate: number | null;
}

/** A page of a scorecard's checks with their counts, and how many entities they are counted over. */
export interface ScorecardCheckPage extends OffsetPage<ScorecardCheckCounts> {
  scorecardRef: string;
  entityCount: number;
}

/** Filters of the exemption list. */
export interface ExemptionFilters {
  entityRef?: string;
  /** A scorecard or campaign ref. */
  definitionRef?: string;
  checkId?: string;
  status?: ExemptionStatus;
}

/** Body of an exemption request. */
export interface ExemptionRequest {
  entityRef: string;
  definitionRef: string;
  checkId: string;
  reason: string;
  expiresAt?: string;
}
