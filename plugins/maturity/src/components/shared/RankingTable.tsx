import { useMemo } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type {
  ReportFilterQuery,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { EntityLevelsTable } from './EntityLevelsTable';
import {
  catalogFilterFor,
  catalogSource,
  EntityPageSource,
  rankingSource,
} from './entitySources';

/** Props of {@link RankingTable}. */
export interface RankingTableProps {
  scorecard: ScorecardDetail;
  parts: RefParts;
  filters: ReportFilterQuery;
  /** Title when the backend ranks the entities. */
  title?: string;
  /** Title when it cannot and the entities are listed by name. */
  fallbackTitle?: string;
  /** Hide the owner column (in a team's own view). */
  hideOwner?: boolean;
}

/**
 * The lowest-scoring entities of a scorecard, one server page at a time. While the backend does not
 * serve the ranking, it lists the catalog's matching entities by name with their levels.
 */
export function RankingTable({
  scorecard,
  parts,
  filters,
  title = 'Lowest-scoring entities',
  fallbackTitle = 'Entities',
  hideOwner,
}: RankingTableProps) {
  const api = useApi(maturityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const features = useAsync(() => api.getFeatures(), [api]);
  const ranked = features.value?.scorecardEntities ?? false;
  const source = useMemo<EntityPageSource>(
    () =>
      ranked
        ? rankingSource(api, parts, filters)
        : catalogSource(
            catalogApi,
            api,
            scorecard.ref,
            catalogFilterFor(scorecard.appliesTo, filters),
          ),
    [ranked, api, catalogApi, parts, filters, scorecard],
  );

  if (features.loading) return <Progress />;
  return (
    <EntityLevelsTable
      key={JSON.stringify(filters)}
      title={ranked ? title : fallbackTitle}
      subtitle={
        ranked
          ? 'Lowest level first, then most failing checks'
          : 'By name: this backend cannot rank entities by level yet'
      }
      levels={scorecard.levels}
      source={source}
      hideOwner={hideOwner}
    />
  );
}
