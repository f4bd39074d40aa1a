import type { JsonObject } from '@backstage/types';
import type { CheckStatus, FailingCondition } from '../domain';
import type {
  Category,
  Level,
  LevelCount,
  LevelReached,
  OffsetPage,
  ResultCounts,
  StatusCounts,
} from './common';

/** A scorecard in the list, with the level distribution of the rated entities the caller can see. */
export interface ScorecardSummary {
  ref: string;
  namespace: string;
  name: string;
  title: string;
  description?: string;
  /** Owner ref. */
  owner: string;
  /** Levels, lowest first. */
  levels: Level[];
  categories: Category[];
  checkCount: number;
  /** Rated entities the caller can see. */
  entityCount: number;
  /** Level counts over those entities, `none` (null) first. */
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
  /** The rule tree as authored. */
  rule: JsonObject;
  /** The rule tree as indented readable text. */
  ruleText: string;
  /** The check's entity filter, when it has one. */
  appliesTo?: JsonObject;
  effectiveFrom?: string;
  /** For checks ratcheted in from a completed campaign, its ref. */
  fromCampaign?: string;
  /** Conditions that cannot be evaluated (they evaluate to error). */
  problems: string[];
}

/** One scorecard with its checks. */
export interface ScorecardDetail extends ScorecardSummary {
  /** The scorecard's entity filter. */
  appliesTo?: JsonObject;
  checks: CheckDefinition[];
}

/** An entity's result of one check, as the check page lists it. */
export interface CheckEntity {
  entityRef: string;
  status: CheckStatus;
  message: string;
  failing?: FailingCondition;
  since: string;
  evaluatedAt: string;
}

/** A check with its status counts and a page of the entities it rates. */
export interface CheckDetail {
  scorecardRef: string;
  check: CheckDefinition;
  /** Counts over the entities the caller can see. */
  counts: StatusCounts;
  /** (pass + exempt) / (pass + exempt + fail + error), or null when none counts. */
  passRate: number | null;
  entities: OffsetPage<CheckEntity>;
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
  /** fail + error: what `order=failing` sorts by. */
  failing: number;
  /** (pass + exempt) / (pass + exempt + fail + error), or null when none counts. */
  passRate: number | null;
}

/** A page of a scorecard's checks with their counts, and how many entities they are counted over. */
export interface ScorecardCheckPage extends OffsetPage<ScorecardCheckCounts> {
  scorecardRef: string;
  /** Visible rated entities that pass the filters: what the counts are over. */
  entityCount: number;
}

/** An entity rated by a scorecard, with its level, for rankings and team views. */
export interface ScorecardEntity {
  entityRef: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** Owner ref (lowercased), or null. */
  owner: string | null;
  /** System ref (lowercased), or null. */
  system: string | null;
  /** `spec.lifecycle`, or null. */
  lifecycle: string | null;
  level: LevelReached;
  counts: ResultCounts;
}

/** A page of a scorecard's entities, lowest level first. */
export type ScorecardEntityPage = OffsetPage<ScorecardEntity>;
