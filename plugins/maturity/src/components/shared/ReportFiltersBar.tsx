import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type { ReportFilterQuery } from '@ratchet/backstage-plugin-maturity-common';
import type { FilterOptions } from './useFilterOptions';

const useStyles = makeStyles(theme => ({
  bar: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
  field: { minWidth: 180 },
}));

function refLabel(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

/** Props of {@link ReportFiltersBar}. */
export interface ReportFiltersBarProps {
  filters: ReportFilterQuery;
  options?: FilterOptions;
  onChange: (filters: ReportFilterQuery) => void;
  /** Which filters to show (default all four). */
  show?: Array<keyof ReportFilterQuery>;
}

const LABELS: Record<keyof ReportFilterQuery, string> = {
  owner: 'Owner',
  system: 'System',
  lifecycle: 'Lifecycle',
  kind: 'Kind',
};

/** Owner, system, lifecycle and kind pickers of the org report. */
export function ReportFiltersBar({
  filters,
  options,
  onChange,
  show = ['owner', 'system', 'lifecycle', 'kind'],
}: ReportFiltersBarProps) {
  const classes = useStyles();
  const valuesOf = (key: keyof ReportFilterQuery): Array<[string, string]> => {
    switch (key) {
      case 'owner':
        return (options?.owners ?? []).map(v => [v, refLabel(v, 'group')]);
      case 'system':
        return (options?.systems ?? []).map(v => [v, refLabel(v, 'system')]);
      case 'lifecycle':
        return (options?.lifecycles ?? []).map(v => [v, v]);
      default:
        return (options?.kinds ?? []).map(v => [v, v]);
    }
  };
  return (
    <Box className={classes.bar} role="search" aria-label="Filters">
      {show.map(key => {
        const values = valuesOf(key);
        const current = filters[key] ?? '';
        // Keep a value from the URL selectable even before the options load.
        if (current && !values.some(([v]) => v === current))
          values.unshift([current, current]);
        return (
          <TextField
            key={key}
            select
            size="small"
            variant="outlined"
            id={`maturity-filter-${key}`}
            label={LABELS[key]}
            className={classes.field}
            value={current}
            onChange={e =>
              onChange({ ...filters, [key]: e.target.value || undefined })
            }
          >
            <MenuItem value="">All</MenuItem>
            {values.map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </TextField>
        );
      })}
    </Box>
  );
}
