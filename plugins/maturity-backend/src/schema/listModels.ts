// The schemas of the paged list endpoints added after models.ts (a scorecard's checks, the exemptions),
// kept by hand like models.ts.
import type { ExemptionModel, StatusCounts } from './models';

/** How a scorecard's checks are ordered: as authored, or most failing first. */
export type ScorecardCheckOrder = 'definition' | 'failing';

/** A check of a scorecard with its result counts over the entities asked for. */
export interface ScorecardCheckCounts {
  /** Check id. */
  checkId: string;
  /** Title. */
  title: string;
  /** Level it belongs to. */
  level?: string;
  /** Category it belongs to. */
  category?: string;
  /** Results per status. */
  counts: StatusCounts;
  /** Failing or erroring results: what `order=failing` sorts by. */
  failing: number;
  /** (pass + exempt) / (pass + exempt + fail + error), or null when none counts. */
  passRate: number | null;
}

/** A page of a scorecard's checks with their counts. */
export interface ScorecardCheckPage {
  /** Scorecard ref. */
  scorecardRef: string;
  /** Visible rated entities that pass the filters: what the counts are over. */
  entityCount: number;
  /** The page. */
  items: ScorecardCheckCounts[];
  /** Checks in all pages. */
  total: number;
  /** Page size. */
  limit: number;
  /** Offset of the page. */
  offset: number;
  /** Offset of the next page, or null. */
  nextOffset: number | null;
}

/** A page of exemptions. */
export interface ExemptionPage {
  /** The page, newest request first. */
  items: ExemptionModel[];
  /** Exemptions (the caller can see) in all pages. */
  total: number;
  /** Page size. */
  limit: number;
  /** Offset of the page. */
  offset: number;
  /** Offset of the next page, or null. */
  nextOffset: number | null;
}
