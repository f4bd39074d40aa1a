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
import { formatDate } from '../shared/format';
import { TimeSeries, TimeSeriesChart } from '../shared/TimeSeriesChart';
import type { TrendData } from './useReportData';

/** Props of {@link ScorecardTrendChart}. */
export interface ScorecardTrendChartProps {
  data: TrendData;
  levels: Level[];
}

/** Presentational: entities per level per day. */
export function ScorecardTrendChart({
  data,
  levels,
}: ScorecardTrendChartProps) {
  const theme = useTheme();
  if (data.points.length === 0) {
    return <Typography color="textSecondary">No history yet.</Typography>;
  }
  const ids: Array<string | null> = [null, ...levels.map(l => l.id)];
  const series: TimeSeries[] = ids.map(id => {
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
  const last = data.points[data.points.length - 1];
  return (
    <TimeSeriesChart
      title={`Entities per level over the last ${data.days} days`}
      description={`On ${formatDate(last.day)}: ${series
        .map(s => `${s.label} ${s.points[s.points.length - 1].y}`)
        .join(', ')}.`}
      series={series}
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
      subheader="Entities at each level per day"
      action={<DaysToggle days={days} onChange={onDaysChange} />}
      variant="gridItem"
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && data && <ScorecardTrendChart data={data} levels={levels} />}
    </InfoCard>
  );
}
