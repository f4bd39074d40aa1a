import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ReportFilterQuery,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { EntityLevelsTable } from './EntityLevelsTable';
import { EntityPageSource, rankingSource } from './entitySources';

/** Props of {@link RankingTable}. */
export interface RankingTableProps {
  scorecard: ScorecardDetail;
  parts: RefParts;
  filters: ReportFilterQuery;
  title?: string;
  /** Hide the owner column (in a team's own view). */
  hideOwner?: boolean;
}

/** The lowest-scoring entities of a scorecard, one server page at a time. */
export function RankingTable({
  scorecard,
  parts,
  filters,
  title = 'Lowest-scoring entities',
  hideOwner,
}: RankingTableProps) {
  const api = useApi(maturityApiRef);
  const source = useMemo<EntityPageSource>(
    () => rankingSource(api, parts, filters),
    [api, parts, filters],
  );
  return (
    <EntityLevelsTable
      key={JSON.stringify(filters)}
      title={title}
      subtitle="Lowest level first, then most failing checks"
      levels={scorecard.levels}
      source={source}
      hideOwner={hideOwner}
    />
  );
}
