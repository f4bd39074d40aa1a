import { useState } from 'react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import type {
  EntityHistory,
  EntityScorecard,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { TimeSeriesChart } from '../shared/TimeSeriesChart';
import { STATUS_LABELS } from '../shared/CheckStatusChip';
import { formatDate, formatDateTime } from '../shared/format';
import { DaysToggle } from '../shared/DaysToggle';

/** Props of {@link EntityHistoryView}. */
export interface EntityHistoryViewProps {
  scorecard: EntityScorecard;
  history: EntityHistory;
}

/** The level over time as a step chart, and the most recent status changes. */
export function EntityHistoryView({
  scorecard,
  history,
}: EntityHistoryViewProps) {
  const theme = useTheme();
  const titleOf = (checkId: string) =>
    scorecard.checks.find(c => c.id === checkId)?.title ?? checkId;
  const top = scorecard.levels[scorecard.levels.length - 1];
  const yTicks = [
    { value: -1, label: 'No level' },
    ...scorecard.levels.map((l, i) => ({ value: i, label: l.title })),
  ];
  const points = history.snapshots.map(s => ({ x: s.day, y: s.levelIndex }));
  // Snapshots are taken daily; today's point is the level as it is now.
  const today = new Date().toISOString().slice(0, 10);
  if (scorecard.evaluated && points[points.length - 1]?.x !== today) {
    points.push({ x: today, y: scorecard.level.index });
  }
  const transitions = [...history.transitions]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 8);
  return (
    <>
      {points.length === 0 ? (
        <Typography color="textSecondary">No level snapshots yet.</Typography>
      ) : (
        <TimeSeriesChart
          title={`${scorecard.title} level over the last ${history.days} days`}
          description={`From ${formatDate(points[0].x)} to ${formatDate(
            points[points.length - 1].x,
          )}; now ${scorecard.level.title ?? 'no level'}.`}
          step
          series={[
            {
              id: 'level',
              label: 'Level',
              color: top?.color ?? theme.palette.primary.main,
              points,
            },
          ]}
          yMin={-1}
          yMax={Math.max(0, scorecard.levels.length - 1)}
          yTicks={yTicks}
          height={160}
        />
      )}
      <Typography
        variant="subtitle2"
        component="h3"
        style={{ marginTop: theme.spacing(2) }}
      >
        Recent changes
      </Typography>
      {transitions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No check changed status in this period.
        </Typography>
      ) : (
        <List dense disablePadding>
          {transitions.map(t => (
            <ListItem key={`${t.checkId}-${t.at}`} disableGutters>
              <ListItemText
                primary={`${titleOf(t.checkId)}: ${
                  t.fromStatus ? STATUS_LABELS[t.fromStatus] : 'new'
                } → ${STATUS_LABELS[t.toStatus]}`}
                secondary={`${formatDateTime(t.at)} · ${t.message}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

/** Props of {@link EntityHistoryCard}. */
export interface EntityHistoryCardProps {
  entityRef: string;
  scorecard: EntityScorecard;
  /** Changes after a re-evaluation, so the card reloads. */
  version?: number;
}

/** Loads and shows an entity's level history on one scorecard (30 or 90 days). */
export function EntityHistoryCard({
  entityRef,
  scorecard,
  version,
}: EntityHistoryCardProps) {
  const api = useApi(maturityApiRef);
  const [days, setDays] = useState(30);
  const { value, loading, error } = useAsync(
    () => api.getEntityHistory(entityRef, { scorecard: scorecard.ref, days }),
    [api, entityRef, scorecard.ref, days, version],
  );
  return (
    <InfoCard
      title="History"
      action={<DaysToggle days={days} onChange={setDays} />}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && !loading && (
        <EntityHistoryView scorecard={scorecard} history={value} />
      )}
    </InfoCard>
  );
}
