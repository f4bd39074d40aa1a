import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMeasure from 'react-use/lib/useMeasure';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from './format';

/** One line of a {@link TimeSeriesChart}. */
export interface TimeSeries {
  /** Unique among the chart's series. */
  id: string;
  /** Legend, tooltip and data-table name. */
  label: string;
  /** A CSS colour: from the theme or `shared/colors.ts`. */
  color: string;
  /** Points oldest first; `x` an ISO day or date-time; a null `y` leaves a gap. */
  points: Array<{ x: string; y: number | null }>;
  /** Draw dashed, e.g. a projection. */
  dashed?: boolean;
}

/** A vertical marker of a {@link TimeSeriesChart}, e.g. a due date. */
export interface TimeSeriesMarker {
  /** ISO day or date-time. */
  x: string;
  label: string;
  /** Defaults to the theme's secondary text colour. */
  color?: string;
}

/** Props of {@link TimeSeriesChart}. */
export interface TimeSeriesChartProps {
  /** The accessible name of the chart and caption of its data table. */
  title: string;
  /** A one-sentence summary for screen readers. */
  description?: string;
  series: TimeSeries[];
  /** Bottom of the y axis (default 0). */
  yMin?: number;
  /** Top of the y axis (default: a round number above the largest value). */
  yMax?: number;
  /** Y-axis ticks with their labels (default: min, middle and max, formatted). */
  yTicks?: Array<{ value: number; label: string }>;
  /** Formats a value for the axis, the tooltip and the data table (default `String`). */
  formatValue?: (y: number) => string;
  /** Draw steps (a value held until it changes) instead of straight segments. */
  step?: boolean;
  /** Vertical markers, e.g. a due date. */
  markers?: TimeSeriesMarker[];
  /** Height in pixels (default 180). */
  height?: number;
  /** Width in pixels (default: the container's, measured; nothing is drawn until it is known). */
  width?: number;
}

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };

const useStyles = makeStyles(theme => ({
  plot: { width: '100%', overflow: 'hidden' },
  legendSwatch: {
    display: 'inline-block',
    width: 12,
    height: 0,
    borderTopWidth: 3,
    borderTopStyle: 'solid',
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    margin: -1,
    padding: 0,
    border: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/** A round number at or above `value`, for the top of an axis. */
function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/** Gives each chart's summary a distinct id (React 16 and 17 have no `useId`). */
let chartCount = 0;

function timeOf(x: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(x) ? `${x}T00:00:00Z` : x);
}

const DAY = 24 * 60 * 60 * 1000;

/** The first, middle and last time of the x axis; the middle on a whole day when the axis spans days. */
function xTicksOf(min: number, max: number): number[] {
  if (!(max > min)) return Number.isFinite(min) ? [min] : [];
  const span = max - min;
  const middle =
    span >= 2 * DAY ? min + Math.round(span / 2 / DAY) * DAY : min + span / 2;
  return [min, middle, max];
}

/** A tick or tooltip time as a date: a UTC midnight as that day, whatever the local time zone. */
function formatTime(time: number): string {
  const iso = new Date(time).toISOString();
  return formatDate(iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso);
}

interface TickProps {
  x?: number;
  y?: number;
  index?: number;
  visibleTicksCount?: number;
  payload?: { value: number };
  fill?: string;
}

/** An x label: the first starts at its tick, the last ends at it, so neither is cut off. */
function XTick({ x, y, index = 0, visibleTicksCount = 1, payload }: TickProps) {
  const theme = useTheme();
  let anchor: 'start' | 'middle' | 'end' = 'middle';
  if (visibleTicksCount > 1 && index === 0) anchor = 'start';
  if (visibleTicksCount > 1 && index === visibleTicksCount - 1) anchor = 'end';
  return (
    <text
      x={x}
      y={(y ?? 0) + 12}
      textAnchor={anchor}
      fill={theme.palette.text.secondary}
      fontSize={12}
      fontFamily={theme.typography.fontFamily}
    >
      {payload ? formatTime(payload.value) : ''}
    </text>
  );
}

/**
 * A line or step chart over time on recharts, coloured by the caller and styled from the MUI theme (light
 * and dark), with an accessible name, a summary and a visually hidden table of every value.
 */
export function TimeSeriesChart({
  title,
  description,
  series,
  yMin = 0,
  yMax,
  yTicks,
  formatValue = String,
  step = false,
  markers = [],
  height = 180,
  width,
}: TimeSeriesChartProps) {
  const classes = useStyles();
  const theme = useTheme();
  const [descriptionId] = useState(() => `maturity-chart-${++chartCount}`);
  const [ref, measured] = useMeasure<HTMLDivElement>();
  // Without layout (jsdom, before the first measure) only the accessible name and table are rendered.
  const plotWidth = width ?? measured.width;

  const days = [...new Set(series.flatMap(s => s.points.map(p => p.x)))].sort(
    (a, b) => timeOf(a) - timeOf(b),
  );
  const times = days.map(timeOf);
  const markerTimes = markers.map(m => timeOf(m.x));
  const allTimes = [...times, ...markerTimes];
  const minX = Math.min(...allTimes);
  const maxX = Math.max(...allTimes);
  const top =
    yMax ??
    niceMax(Math.max(1, ...series.flatMap(s => s.points.map(p => p.y ?? 0))));
  const ticks = yTicks ?? [
    { value: yMin, label: formatValue(yMin) },
    { value: (yMin + top) / 2, label: formatValue((yMin + top) / 2) },
    { value: top, label: formatValue(top) },
  ];
  const labelOf = (value: number) =>
    ticks.find(t => t.value === value)?.label ?? formatValue(value);
  const axisStyle = {
    fill: theme.palette.text.secondary,
    fontSize: 12,
    fontFamily: theme.typography.fontFamily,
  };
  const valueAt = (s: TimeSeries, day: string) =>
    s.points.find(p => p.x === day)?.y ?? null;
  const summary = [
    description,
    ...markers.map(m => `${m.label}: ${formatDate(m.x)}.`),
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <Box>
      <div
        ref={ref}
        className={classes.plot}
        style={{ height }}
        role="img"
        aria-label={title}
        aria-describedby={summary ? descriptionId : undefined}
      >
        {plotWidth > 0 && (
          <LineChart width={plotWidth} height={height} margin={MARGIN}>
            <CartesianGrid vertical={false} stroke={theme.palette.divider} />
            <XAxis
              dataKey="x"
              type="number"
              scale="time"
              domain={
                allTimes.length > 0 ? [minX, maxX] : ['dataMin', 'dataMax']
              }
              ticks={xTicksOf(minX, maxX)}
              tick={<XTick />}
              interval={0}
              stroke={theme.palette.divider}
              tickLine={false}
            />
            <YAxis
              type="number"
              domain={[yMin, top]}
              ticks={ticks.map(t => t.value)}
              tickFormatter={labelOf}
              tick={axisStyle}
              width={64}
              interval={0}
              axisLine={false}
              tickLine={false}
              allowDecimals
            />
            <Tooltip
              labelFormatter={value => formatTime(Number(value))}
              formatter={value => labelOf(Number(value))}
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                borderColor: theme.palette.divider,
                color: theme.palette.text.primary,
                fontFamily: theme.typography.fontFamily,
                fontSize: 12,
              }}
              labelStyle={{ color: theme.palette.text.secondary }}
              cursor={{ stroke: theme.palette.divider }}
            />
            {markers.map((m, i) => (
              <ReferenceLine
                key={`marker-${i}`}
                x={markerTimes[i]}
                stroke={m.color ?? theme.palette.text.secondary}
                strokeDasharray="3 3"
                label={{
                  value: m.label,
                  position: 'insideTopRight',
                  ...axisStyle,
                }}
              />
            ))}
            {series.map(s => {
              const data = s.points.map(p => ({ x: timeOf(p.x), y: p.y }));
              const last = data.map(p => p.y !== null).lastIndexOf(true);
              return (
                <Line
                  key={s.id}
                  data={data}
                  dataKey="y"
                  name={s.label}
                  type={step ? 'stepAfter' : 'linear'}
                  stroke={s.color}
                  strokeWidth={2.5}
                  strokeDasharray={s.dashed ? '6 4' : undefined}
                  strokeLinejoin="round"
                  isAnimationActive={false}
                  activeDot={{ r: 4 }}
                  dot={(props: {
                    key?: string;
                    index: number;
                    cx: number;
                    cy: number;
                  }) =>
                    props.index === last && !s.dashed ? (
                      <circle
                        key={props.key}
                        cx={props.cx}
                        cy={props.cy}
                        r={4}
                        fill={s.color}
                      />
                    ) : (
                      <g key={props.key} />
                    )
                  }
                />
              );
            })}
          </LineChart>
        )}
      </div>
      {summary && (
        <span id={descriptionId} className={classes.visuallyHidden}>
          {summary}
        </span>
      )}
      {series.length > 1 && (
        <Box display="flex" flexWrap="wrap" mt={1} component="ul" p={0} m={0}>
          {series.map(s => (
            <Box component="li" key={s.id} mr={2} style={{ listStyle: 'none' }}>
              <span
                className={classes.legendSwatch}
                style={{
                  borderTopColor: s.color,
                  borderTopStyle: s.dashed ? 'dashed' : 'solid',
                }}
              />
              <Typography variant="caption">{s.label}</Typography>
            </Box>
          ))}
        </Box>
      )}
      <table className={classes.visuallyHidden}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {series.map(s => (
              <th scope="col" key={s.id}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map(day => (
            <tr key={day}>
              <th scope="row">{formatDate(day)}</th>
              {series.map(s => {
                const y = valueAt(s, day);
                return <td key={s.id}>{y === null ? '–' : labelOf(y)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
