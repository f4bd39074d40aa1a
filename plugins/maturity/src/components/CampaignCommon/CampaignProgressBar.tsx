import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CampaignProgress } from '@ratchet/backstage-plugin-maturity-common';
import { formatPercent } from '../shared/format';
import { progressLabel } from './format';

const useStyles = makeStyles(theme => ({
  bar: {
    height: 8,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
  },
  done: { backgroundColor: theme.palette.status.ok, borderRadius: 4 },
}));

/** A campaign's (or one team's) progress: a bar of the targets done, with the counts in words. */
export function CampaignProgressBar({
  progress,
  label,
}: {
  progress: CampaignProgress;
  /** What the bar measures, for screen readers (default "Progress"). */
  label?: string;
}) {
  const classes = useStyles();
  const text = progressLabel(progress);
  const evaluated =
    progress.targets > 0 && progress.notStarted < progress.targets;
  const details = [
    progress.failing > 0 ? `${progress.failing} failing` : undefined,
    progress.regressed > 0 ? `${progress.regressed} regressed` : undefined,
    progress.exempt > 0 ? `${progress.exempt} exempt` : undefined,
    evaluated && progress.notStarted > 0
      ? `${progress.notStarted} not evaluated yet`
      : undefined,
  ].filter(Boolean);
  return (
    <Box minWidth={160}>
      <LinearProgress
        variant="determinate"
        value={evaluated ? Math.round((progress.ratio ?? 0) * 100) : 0}
        classes={{ root: classes.bar, bar: classes.done }}
        aria-label={`${label ?? 'Progress'}: ${text}`}
      />
      <Typography variant="body2" component="div">
        {text}
        {evaluated && ` · ${formatPercent(progress.ratio)}`}
      </Typography>
      {details.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="div">
          {details.join(' · ')}
        </Typography>
      )}
    </Box>
  );
}
