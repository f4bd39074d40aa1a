import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatDate } from './format';

/** One line of a {@link LineChart}. */
export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  /** One point per x value (a day), oldest first; null leaves a gap. */
  points: Array<{ x: string; y: number | null }>;
}

/** Props of {@link LineChart}. */
export interface LineChartProps {
  series: ChartSeries[];
  yMin: number;
  yMax: number;
  yTicks: Array<{ value: number; label: string }>;
  /** Draw steps (a level held until it changes) instead of straight segments. */
  step?: boolean;
  height?: number;
  /** The accessible name of the chart. */
  title: string;
  /** A text summary for screen readers. */
  description?: string;
}

const WIDTH = 640;

/** Where an x label hangs: the last one ends at the right edge, the first starts at the left. */
function anchorOf(index: number, count: number): 'start' | 'middle' | 'end' {
  if (index === count - 1) return 'end';
  return index === 0 ? 'start' : 'middle';
}
const MARGIN = { top: 8, right: 12, bottom: 22, left: 64 };

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: {
    fill: theme.palette.text.secondary,
    fontSize: 12,
    fontFamily: theme.typography.fontFamily,
  },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  legendSwatch: {
    display: 'inline-block',
    width: 12,
    height: 3,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
}));

function pathOf(coords: Array<[number, number] | null>, step: boolean): string {
  let d = '';
  let open = false;
  coords.forEach(c => {
    if (!c) {
      open = false;
      return;
    }
    const [x, y] = c;
    if (!open) d += `M${x},${y}`;
    else d += step ? `H${x}V${y}` : `L${x},${y}`;
    open = true;
  });
  return d;
}

/** A small dependency-free SVG line or step chart over days, coloured by the caller (theme or level colours). */
export function LineChart({
  series,
  yMin,
  yMax,
  yTicks,
  step = false,
  height = 180,
  title,
  description,
}: LineChartProps) {
  const classes = useStyles();
  const xs = series[0]?.points.map(p => p.x) ?? [];
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const xAt = (i: number) =>
    MARGIN.left + (xs.length <= 1 ? innerW : (i / (xs.length - 1)) * innerW);
  const yAt = (v: number) =>
    MARGIN.top + innerH - ((v - yMin) / (yMax - yMin || 1)) * innerH;
  const xLabels =
    xs.length > 2
      ? [0, Math.floor((xs.length - 1) / 2), xs.length - 1]
      : xs.map((_, i) => i);

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={title}
      >
        <title>{title}</title>
        {description && <desc>{description}</desc>}
        {yTicks.map(t => (
          <g key={t.value}>
            <line
              className={classes.grid}
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={yAt(t.value)}
              y2={yAt(t.value)}
            />
            <text
              className={classes.axis}
              x={MARGIN.left - 6}
              y={yAt(t.value)}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {t.label}
            </text>
          </g>
        ))}
        {xLabels.map(i => (
          <text
            key={`x-${i}`}
            className={classes.axis}
            x={xAt(i)}
            y={height - 4}
            textAnchor={anchorOf(i, xs.length)}
          >
            {formatDate(xs[i])}
          </text>
        ))}
        {series.map(s => {
          const coords = s.points.map((p, i) =>
            p.y === null ? null : ([xAt(i), yAt(p.y)] as [number, number]),
          );
          const last = [...coords].reverse().find(c => c !== null);
          return (
            <g key={s.id}>
              <path
                d={pathOf(coords, step)}
                fill="none"
                stroke={s.color}
                strokeWidth={2.5}
                strokeLinejoin="round"
              />
              {last && (
                <circle cx={last[0]} cy={last[1]} r={4} fill={s.color} />
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <Box display="flex" flexWrap="wrap" mt={1} component="ul" p={0} m={0}>
          {series.map(s => (
            <Box component="li" key={s.id} mr={2} style={{ listStyle: 'none' }}>
              <span
                className={classes.legendSwatch}
                style={{ backgroundColor: s.color }}
              />
              <Typography variant="caption">{s.label}</Typography>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
