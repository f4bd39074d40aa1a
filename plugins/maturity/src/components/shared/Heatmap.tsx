import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  Category,
  CategoryShare,
} from '@ratchet/backstage-plugin-maturity-common';
import { shareColor } from './colors';
import { formatPercent } from './format';

/** One row of a {@link Heatmap}: an owner group (or system) and its share per category. */
export interface HeatmapRow {
  key: string;
  /** What the row header shows (e.g. a link to the group). */
  label: ReactNode;
  /** The row's name as plain text, for accessible cell labels. */
  name: string;
  entityCount: number;
  cells: CategoryShare[];
}

/** Props of {@link Heatmap}. */
export interface HeatmapProps {
  columns: Category[];
  rows: HeatmapRow[];
  caption: string;
  rowHeader?: string;
}

const useStyles = makeStyles(theme => ({
  table: {
    borderCollapse: 'separate',
    borderSpacing: 3,
    width: '100%',
    fontFamily: theme.typography.fontFamily,
  },
  caption: {
    captionSide: 'top',
    textAlign: 'left',
    color: theme.palette.text.secondary,
    ...theme.typography.caption,
    paddingBottom: theme.spacing(1),
  },
  th: {
    ...theme.typography.subtitle2,
    color: theme.palette.text.secondary,
    textAlign: 'left',
    padding: theme.spacing(0.5, 1),
    whiteSpace: 'nowrap',
  },
  colHeader: { textAlign: 'center' },
  cell: {
    ...theme.typography.body2,
    textAlign: 'center',
    padding: theme.spacing(1),
    borderRadius: theme.shape.borderRadius,
    minWidth: 72,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  legend: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  gradient: { width: 160, height: 10, borderRadius: 2 },
}));

/** A table of rows × categories, each cell coloured by its share of passing results, with a legend. */
export function Heatmap({
  columns,
  rows,
  caption,
  rowHeader = 'Owner',
}: HeatmapProps) {
  const classes = useStyles();
  const theme = useTheme();
  const stops = [0, 0.25, 0.5, 0.75, 1]
    .map(s => shareColor(theme, s))
    .join(', ');
  return (
    <Box overflow="auto">
      <table className={classes.table}>
        <caption className={classes.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={classes.th}>
              {rowHeader}
            </th>
            <th scope="col" className={`${classes.th} ${classes.colHeader}`}>
              Entities
            </th>
            {columns.map(c => (
              <th
                key={c.id}
                scope="col"
                className={`${classes.th} ${classes.colHeader}`}
                title={c.description}
              >
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(row => (
            <tr key={row.key}>
              <th scope="row" className={classes.th}>
                {row.label}
              </th>
              <td className={`${classes.th} ${classes.colHeader}`}>
                {row.entityCount}
              </td>
              {columns.map(c => {
                const cell = row.cells.find(s => s.id === c.id);
                const share = cell?.share ?? null;
                const bg = shareColor(theme, share);
                const label =
                  share === null
                    ? `${row.name}, ${c.title}: no results`
                    : `${row.name}, ${c.title}: ${formatPercent(
                        share,
                      )} passing (${cell?.passed} of ${cell?.total} results)`;
                return (
                  <td
                    key={c.id}
                    className={classes.cell}
                    style={{
                      backgroundColor: bg,
                      color: theme.palette.getContrastText(bg),
                    }}
                    aria-label={label}
                    title={label}
                  >
                    {formatPercent(share)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className={classes.legend} aria-hidden="true">
        <Typography variant="caption">0 %</Typography>
        <div
          className={classes.gradient}
          style={{ background: `linear-gradient(to right, ${stops})` }}
        />
        <Typography variant="caption">100 % of results passing</Typography>
      </div>
    </Box>
  );
}
