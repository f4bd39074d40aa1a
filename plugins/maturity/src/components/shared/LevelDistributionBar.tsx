import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  Level,
  LevelCount,
} from '@ratchet/backstage-plugin-maturity-common';
import { levelColor } from './colors';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 20,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
    '& li': { marginRight: theme.spacing(2) },
  },
}));

/** Props of {@link LevelDistributionBar}. */
export interface LevelDistributionBarProps {
  levels: Level[];
  distribution: LevelCount[];
  /** Hide the legend (in dense tables). */
  compact?: boolean;
}

/** How many entities are at each level, as one stacked bar in the level colours with a legend. */
export function LevelDistributionBar({
  levels,
  distribution,
  compact = false,
}: LevelDistributionBarProps) {
  const classes = useStyles();
  const theme = useTheme();
  const total = distribution.reduce((sum, d) => sum + d.count, 0);
  const segments = distribution.map(d => {
    const level = levels.find(l => l.id === d.level);
    return {
      key: d.level ?? 'none',
      label: level?.title ?? 'No level',
      color:
        d.level === null
          ? theme.palette.action.disabledBackground
          : levelColor(theme, level),
      count: d.count,
    };
  });
  const summary = segments.map(s => `${s.label}: ${s.count}`).join(', ');
  return (
    <Box>
      <div
        className={classes.bar}
        role="img"
        aria-label={`Level distribution of ${total} entities. ${summary}`}
      >
        {total > 0 &&
          segments
            .filter(s => s.count > 0)
            .map(s => (
              <div
                key={s.key}
                title={`${s.label}: ${s.count}`}
                style={{
                  width: `${(s.count / total) * 100}%`,
                  backgroundColor: s.color,
                }}
              />
            ))}
      </div>
      {!compact && (
        <ul className={classes.legend}>
          {segments.map(s => (
            <li key={s.key}>
              <span
                className={classes.swatch}
                style={{ backgroundColor: s.color }}
              />
              <Typography variant="caption">
                {s.label}: <strong>{s.count}</strong>
                {total > 0 ? ` (${Math.round((s.count / total) * 100)} %)` : ''}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}
