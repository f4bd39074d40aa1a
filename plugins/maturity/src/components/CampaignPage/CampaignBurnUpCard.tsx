import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { EmptyState, InfoCard } from '@backstage/core-components';
import type {
  CampaignProgress,
  CampaignProgressHistory,
} from '@ratchet/backstage-plugin-maturity-common';
import { formatDate } from '../shared/format';
import { TimeSeries, TimeSeriesChart } from '../shared/TimeSeriesChart';

/**
 * The stored daily points with today's live progress as the last one (replacing today's snapshot), so the
 * burn-up moves as soon as a result changes rather than at the next daily snapshot.
 */
export function withLivePoint(
  history: CampaignProgressHistory,
  live: CampaignProgress | undefined,
  today: string,
): CampaignProgressHistory {
  if (!live) return history;
  const points = history.points.filter(p => p.day < today);
  points.push({
    day: today,
    targets: live.targets,
    done: live.passing + live.exempt,
    failing: live.failing,
    notStarted: live.notStarted,
  });
  return { ...history, points };
}

/** The burn-up series: targets done per day, all targets, and the projection to completion (dashed). */
export function burnUpSeries(
  history: CampaignProgressHistory,
  colors: { done: string; targets: string; projection: string },
): TimeSeries[] {
  const series: TimeSeries[] = [
    {
      id: 'done',
      label: 'Targets done',
      color: colors.done,
      points: history.points.map(p => ({ x: p.day, y: p.done })),
    },
    {
      id: 'targets',
      label: 'All targets',
      color: colors.targets,
      points: history.points.map(p => ({ x: p.day, y: p.targets })),
    },
  ];
  const last = history.points[history.points.length - 1];
  const completion = history.projection.completionDate;
  if (last && completion && completion > last.day) {
    series.push({
      id: 'projection',
      label: 'Projection',
      color: colors.projection,
      dashed: true,
      points: [
        { x: last.day, y: last.done },
        { x: completion, y: last.targets },
      ],
    });
  }
  return series;
}

/** A campaign's burn-up: targets done per day against all targets, the due date and the projection. */
export function CampaignBurnUpCard({
  history: stored,
  live,
  now = new Date(),
}: {
  history: CampaignProgressHistory;
  /** The campaign's current progress while it is open: drawn as today's point. */
  live?: CampaignProgress;
  now?: Date;
}) {
  const theme = useTheme();
  const history = withLivePoint(stored, live, now.toISOString().slice(0, 10));
  const last = history.points[history.points.length - 1];
  const { completionDate, ratePerDay, windowDays } = history.projection;
  const projectionText = completionDate
    ? `At the recent rate (${
        ratePerDay === null ? '–' : ratePerDay.toFixed(1)
      } targets a day over ${windowDays} days) every target passes by ${formatDate(
        completionDate,
      )}${completionDate > history.dueDate ? ', after the due date' : ''}.`
    : 'Not enough progress yet to project a completion date.';
  return (
    <InfoCard title="Burn-up" subheader={projectionText}>
      {history.points.length === 0 || !last ? (
        <EmptyState
          missing="data"
          title="No progress recorded yet"
          description="A snapshot of the campaign's progress is stored every day once it starts."
        />
      ) : (
        <>
          <TimeSeriesChart
            title="Campaign burn-up"
            description={`${last.done} of ${
              last.targets
            } targets done on ${formatDate(last.day)}.`}
            height={240}
            step
            series={burnUpSeries(history, {
              done: theme.palette.status.ok,
              targets: theme.palette.text.secondary,
              projection: theme.palette.info.main,
            })}
            markers={[
              {
                x: history.dueDate,
                label: 'Due',
                color: theme.palette.status.error,
              },
            ]}
          />
          <Typography variant="caption" color="textSecondary">
            Done counts passing and exempt targets.
          </Typography>
        </>
      )}
    </InfoCard>
  );
}
