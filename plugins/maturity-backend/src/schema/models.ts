// The schemas of openapi.yaml as TypeScript types (the models repo-tools would generate), kept by hand.
import type { JsonObject } from '@backstage/types';
import type {
  CheckStatus,
  FailingCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ResultCounts } from './entityModels';

/** A check status, or `pending` before the first evaluation. */
export type ResultStatus = CheckStatus | 'pending';

/** Counts of results per status. */
export type StatusCounts = Record<CheckStatus, number>;

/** A level of a scorecard. */
export interface LevelModel {
  /** Id. */
  id: string;
  /** Display name. */
  title: string;
  /** What it means. */
  description?: string;
  /** Badge colour. */
  color?: string;
}

/** A category of a scorecard. */
export interface CategoryModel {
  /** Id. */
  id: string;
  /** Display name. */
  title: string;
  /** What it covers. */
  description?: string;
}

/** The level an entity reached (ids null below the first level). */
export interface LevelReached {
  /** Level id. */
  id: string | null;
  /** Level title. */
  title: string | null;
  /** Index in the scorecard's order; -1 below the first. */
  index: number;
}

/** Entities at one level (null = below the first). */
export interface LevelCount {
  /** Level id or null. */
  level: string | null;
  /** How many. */
  count: number;
}

/** A scorecard in the list. */
export interface ScorecardSummary {
  /** Entity ref. */
  ref: string;
  /** Namespace. */
  namespace: string;
  /** Name. */
  name: string;
  /** Title. */
  title: string;
  /** Description. */
  description?: string;
  /** Owner ref. */
  owner: string;
  /** Levels, lowest first. */
  levels: LevelModel[];
  /** Categories. */
  categories: CategoryModel[];
  /** Number of checks. */
  checkCount: number;
  /** Rated entities the caller can see. */
  entityCount: number;
  /** Level counts, `none` first. */
  distribution: LevelCount[];
}

/** A check as defined. */
export interface CheckDefinitionModel {
  /** Id. */
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
  /** The rule tree. */
  rule: JsonObject;
  /** The rule as readable text. */
  ruleText: string;
  /** The check's entity filter. */
  appliesTo?: JsonObject;
  /** Counts from this date on. */
  effectiveFrom?: string;
  /** The campaign it was ratcheted in from. */
  fromCampaign?: string;
  /** Conditions that cannot be evaluated. */
  problems: string[];
}

/** A scorecard with its checks. */
export interface ScorecardDetail extends ScorecardSummary {
  /** The scorecard's entity filter. */
  appliesTo?: JsonObject;
  /** The checks. */
  checks: CheckDefinitionModel[];
}

/** An exemption as the API shows it. */
export interface ExemptionModel {
  /** Id. */
  id: string;
  /** Entity ref. */
  entityRef: string;
  /** Definition ref. */
  definitionRef: string;
  /** Check id. */
  checkId: string;
  /** Why. */
  reason: string;
  /** Who asked. */
  requestedBy: string;
  /** When. */
  requestedAt: string;
  /** Status. */
  status: 'requested' | 'approved' | 'denied' | 'revoked';
  /** Who decided. */
  decidedBy?: string;
  /** When. */
  decidedAt?: string;
  /** Comment. */
  decisionComment?: string;
  /** Expiry. */
  expiresAt?: string;
  /** Approved and unexpired now. */
  active: boolean;
}

/** An entity's result of one check. */
export interface CheckEntity {
  /** Entity ref. */
  entityRef: string;
  /** Status. */
  status: CheckStatus;
  /** Message. */
  message: string;
  /** Deciding condition. */
  failing?: FailingCondition;
  /** Since. */
  since: string;
  /** Evaluated at. */
  evaluatedAt: string;
}

/** A check with counts and a page of entities. */
export interface CheckDetail {
  /** Scorecard ref. */
  scorecardRef: string;
  /** The check. */
  check: CheckDefinitionModel;
  /** Counts over visible entities. */
  counts: StatusCounts;
  /** Pass rate or null. */
  passRate: number | null;
  /** The page. */
  entities: {
    items: CheckEntity[];
    total: number;
    limit: number;
    offset: number;
    nextOffset: number | null;
  };
}

/** Passing share of one category. */
export interface CategoryShare {
  /** Category id. */
  id: string;
  /** Passing or exempt results. */
  passed: number;
  /** Counted results. */
  total: number;
  /** passed / total, or null. */
  share: number | null;
}

/** What a roll-up groups by. */
export type RollupGroupBy = 'owner' | 'system' | 'domain' | 'org';

/** One group of a roll-up. */
export interface RollupGroup {
  /** Group ref, `org`, or null. */
  key: string | null;
  /** Entities in it. */
  entityCount: number;
  /** Level counts. */
  distribution: LevelCount[];
  /** Category shares. */
  categories: CategoryShare[];
}

/** Optional report filters of the roll-up, entity list and history (query parameters). */
export interface ReportFilterQuery {
  /** Owner group ref or name. */
  owner?: string;
  /** System ref or name. */
  system?: string;
  /** `spec.lifecycle`. */
  lifecycle?: string;
  /** Entity kind. */
  kind?: string;
}

/** An entity rated by a scorecard, with its level. */
export interface ScorecardEntity {
  /** Entity ref. */
  entityRef: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** Owner ref (lowercased), or null. */
  owner: string | null;
  /** System ref (lowercased), or null. */
  system: string | null;
  /** `spec.lifecycle`, or null. */
  lifecycle: string | null;
  /** Level reached. */
  level: LevelReached;
  /** Result counts. */
  counts: ResultCounts;
}

/** A page of a scorecard's entities. */
export interface ScorecardEntityPage {
  /** The page. */
  items: ScorecardEntity[];
  /** Entities in all pages. */
  total: number;
  /** Page size. */
  limit: number;
  /** Offset of the page. */
  offset: number;
  /** Offset of the next page, or null. */
  nextOffset: number | null;
}

/** A scorecard's level distribution per day. */
export interface ScorecardHistory {
  /** Scorecard ref. */
  scorecardRef: string;
  /** Days asked for. */
  days: number;
  /** One point per day with data, oldest first. */
  points: Array<{ day: string; distribution: LevelCount[] }>;
}

/** A roll-up. */
export interface Rollup {
  /** Scorecard ref. */
  scorecardRef: string;
  /** Grouping. */
  groupBy: RollupGroupBy;
  /** Levels. */
  levels: LevelModel[];
  /** Categories. */
  categories: CategoryModel[];
  /** Groups. */
  groups: RollupGroup[];
}

/** A status change. */
export interface TransitionModel {
  /** Check id. */
  checkId: string;
  /** Before. */
  fromStatus: CheckStatus | null;
  /** After. */
  toStatus: CheckStatus;
  /** Message. */
  message: string;
  /** When. */
  at: string;
}

/** An entity's history on a scorecard. */
export interface EntityHistory {
  /** Entity ref. */
  entityRef: string;
  /** Scorecard ref. */
  scorecardRef: string;
  /** Days covered. */
  days: number;
  /** Daily snapshots. */
  snapshots: Array<{
    day: string;
    level: string | null;
    levelIndex: number;
    passed: number;
    total: number;
  }>;
  /** Recent changes. */
  transitions: TransitionModel[];
}

/** One day of a check's history. */
export interface CheckHistoryPoint {
  /** 'YYYY-MM-DD'. */
  day: string;
  /** Passing or exempt. */
  passed: number;
  /** Failing or erroring. */
  failed: number;
  /** passed + failed. */
  total: number;
  /** passed / total or null. */
  passRate: number | null;
}

/** A check's pass rate per day. */
export interface CheckHistory {
  /** Scorecard ref. */
  scorecardRef: string;
  /** Check id. */
  checkId: string;
  /** Days covered. */
  days: number;
  /** Points, oldest first. */
  points: CheckHistoryPoint[];
}

/** An audit entry. */
export interface AuditEntryModel {
  /** Id. */
  id: number;
  /** When. */
  at: string;
  /** Who. */
  actor: string;
  /** What. */
  action: string;
  /** To what. */
  subject: JsonObject;
  /** Details. */
  details: JsonObject;
}
