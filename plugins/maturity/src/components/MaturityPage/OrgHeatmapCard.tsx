import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type { Rollup } from '@ratchet/backstage-plugin-maturity-common';
import { Heatmap, HeatmapRow } from '../shared/Heatmap';

function nameOf(key: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(key), { defaultKind: 'group' });
  } catch {
    return key;
  }
}

/** Roll-up groups as heatmap rows, entities without an owner last. */
export function heatmapRows(rollup: Rollup): HeatmapRow[] {
  return rollup.groups.map(g => ({
    key: g.key ?? '(none)',
    name: g.key ? nameOf(g.key) : 'No owner',
    label: g.key ? (
      <EntityRefLink entityRef={g.key} defaultKind="group" />
    ) : (
      <Typography variant="body2" color="textSecondary" component="span">
        No owner
      </Typography>
    ),
    entityCount: g.entityCount,
    cells: g.categories,
  }));
}

/** The owner groups × categories heatmap of a scorecard. */
export function OrgHeatmapCard({ rollup }: { rollup: Rollup }) {
  const rows = heatmapRows(rollup);
  return (
    <InfoCard
      title="Teams × categories"
      subheader="Share of passing results (pass or exempt) per owner and category"
    >
      {rows.length === 0 ? (
        <Typography color="textSecondary">
          No rated entities match the filters.
        </Typography>
      ) : (
        <Heatmap
          columns={rollup.categories}
          rows={rows}
          caption="Share of passing results per owner group and category; not-applicable results are left out."
        />
      )}
    </InfoCard>
  );
}
