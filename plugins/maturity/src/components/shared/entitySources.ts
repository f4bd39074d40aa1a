import type {
  LevelReached,
  ReportFilterQuery,
  ResultCounts,
} from '@ratchet/backstage-plugin-maturity-common';
import type { MaturityApi, RefParts } from '../../api';

/** One row of an entity-levels table; `level` is null when the scorecard does not rate the entity. */
export interface EntityLevelRow {
  entityRef: string;
  title?: string;
  owner?: string | null;
  system?: string | null;
  lifecycle?: string | null;
  level: LevelReached | null;
  counts?: ResultCounts;
}

/** Loads one page of rows. */
export type EntityPageSource = (
  offset: number,
  limit: number,
) => Promise<{ rows: EntityLevelRow[]; total: number }>;

/** The ranking endpoint: the scorecard's entities, lowest level first. */
export function rankingSource(
  api: MaturityApi,
  scorecard: RefParts,
  filters: ReportFilterQuery,
): EntityPageSource {
  return async (offset, limit) => {
    const page = await api.listScorecardEntities(scorecard, {
      filters,
      limit,
      offset,
    });
    return { rows: page.items, total: page.total };
  };
}
