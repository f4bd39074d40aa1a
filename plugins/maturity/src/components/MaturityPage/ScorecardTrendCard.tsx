import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { Level } from '@ratchet/backstage-plugin-maturity-common';
import { levelColor } from '../shared/colors';
import { DaysToggle } from '../shared/DaysToggle';
import { ChartSeries, LineChart } from '../shared/LineChart';
import type { TrendData } from './useReportData';

/** Props of {@link ScorecardTrendChart}. */
export interface ScorecardTrendChartProps {
  data: TrendData;
  levels: Level[];
}

function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

/** Presentational: entities per level per day, or the share of passing results per day. */
export function ScorecardTrendChart({
  data,
  levels,
}: ScorecardTrendChartProps) {
  const theme = useTheme();
  if (data.points.length === 0) {
    return <Typography color="textSecondary">No history yet.</Typography>;
  }
  if (data.kind === 'passRate') {
    const last = data.points[data.points.length - 1];
    return (
      <LineChart
        title={`Share of passing results over the last ${data.days} days`}
        description={`Today ${
          last.share === null
            ? 'no results'
            : `${Math.round(last.share * 100)} %`
        }.`}
        series={[
          {
            id: 'share',
            label: 'Passing results',
            color: theme.palette.primary.main,
            points: data.points.map(p => ({
              x: p.day,
              y: p.share === null ? null : p.share * 100,
            })),
          },
        ]}
        yMin={0}
        yMax={100}
        yTicks={[0, 50, 100].map(v => ({ value: v, label: `${v} %` }))}
      />
    );
  }
  const ids: Array<string | null> = [null, ...levels.map(l => l.id)];
  const series: ChartSeries[] = ids.map(id => {
    const level = levels.find(l => l.id === id);
    return {
      id: id ?? 'none',
      label: level?.title ?? 'No level',
      color:
        id === null ? theme.palette.text.disabled : levelColor(theme, level),
      points: data.points.map(p => ({
        x: p.day,
        y: p.distribution.find(d => d.level === id)?.count ?? 0,
      })),
    };
  });
  const max = niceMax(
    Math.max(1, ...series.flatMap(s => s.points.map(p => p.y ?? 0))),
  );
  return (
    <LineChart
      title={`Entities per level over the last ${data.days} days`}
      series={series}
      yMin={0}
      yMax={max}
      yTicks={[0, max / 2, max].map(v => ({ value: v, label: String(v) }))}
    />
  );
}

/** Props of {@link ScorecardTrendCard}. */
export interface ScorecardTrendCardProps {
  days: number;
  onDaysChange: (days: number) => void;
  levels: Level[];
  data?: TrendData;
  loading: boolean;
  error?: Error;
}

/** The trend of the org report with a 30/90-day toggle. */
export function ScorecardTrendCard({
  days,
  onDaysChange,
  levels,
  data,
  loading,
  error,
}: ScorecardTrendCardProps) {
  return (
    <InfoCard
      title="Trend"
      subheader={
        data?.kind === 'passRate'
          ? 'Share of passing check results per day'
          : 'Entities at each level per day'
      }
      action={<DaysToggle days={days} onChange={onDaysChange} />}
      variant="gridItem"
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && data && <ScorecardTrendChart data={data} levels={levels} />}
    </InfoCard>
  );
}
