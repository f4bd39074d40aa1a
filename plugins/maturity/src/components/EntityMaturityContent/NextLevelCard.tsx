import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, MarkdownContent } from '@backstage/core-components';
import type { EntityScorecard } from '@ratchet/backstage-plugin-maturity-common';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { LevelBadge } from '../shared/LevelBadge';
import { CheckLink } from '../shared/links';

const useStyles = makeStyles(theme => ({
  item: { padding: theme.spacing(1.5, 0) },
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  message: { marginTop: theme.spacing(0.5) },
  remediation: {
    marginTop: theme.spacing(1),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    overflowX: 'auto',
    '& pre': { overflowX: 'auto', whiteSpace: 'pre' },
  },
}));

/** Props of {@link NextLevelCard}. */
export interface NextLevelCardProps {
  scorecard: EntityScorecard;
  /** Opens the exemption dialog for a check; omitted when requests are not possible. */
  onRequestExemption?: (checkId: string) => void;
}

/** "To reach <next level>": the checks in the way, with their message and what to do about them. */
export function NextLevelCard({
  scorecard,
  onRequestExemption,
}: NextLevelCardProps) {
  const classes = useStyles();
  const next = scorecard.nextLevel;
  if (!scorecard.evaluated) {
    return (
      <InfoCard title="Next level">
        <Typography>
          This entity has not been evaluated against {scorecard.title} yet.
          Press “Re-evaluate now” to evaluate it.
        </Typography>
      </InfoCard>
    );
  }
  if (!next) {
    return (
      <InfoCard title="Highest level reached">
        <Box display="flex" alignItems="center" className={classes.title}>
          <LevelBadge level={scorecard.levels[scorecard.level.index]} />
          <Typography>
            Every check of every level passes. Keep it that way.
          </Typography>
        </Box>
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title={`To reach ${next.level.title}`}
      subheader={`${next.blocking.length} check${
        next.blocking.length === 1 ? '' : 's'
      } in the way`}
    >
      {next.blocking.length === 0 && (
        <Typography>
          Nothing blocks this level; it will be reached at the next evaluation.
        </Typography>
      )}
      {next.blocking.map((check, i) => (
        <Box key={check.id}>
          {i > 0 && <Divider />}
          <div className={classes.item}>
            <div className={classes.title}>
              <CheckStatusChip status={check.status} title={check.title} />
              <Typography variant="subtitle1" component="h3">
                <CheckLink scorecardRef={scorecard.ref} checkId={check.id}>
                  {check.title}
                </CheckLink>
              </Typography>
              <LevelBadge
                level={scorecard.levels.find(l => l.id === check.level)}
              />
            </div>
            <Typography
              variant="body2"
              color="textSecondary"
              className={classes.message}
            >
              {check.message}
            </Typography>
            {check.remediation && (
              <div className={classes.remediation}>
                <Typography variant="overline">How to fix</Typography>
                <MarkdownContent content={check.remediation} dialect="gfm" />
              </div>
            )}
            {onRequestExemption && (
              <Button size="small" onClick={() => onRequestExemption(check.id)}>
                Request exemption
              </Button>
            )}
          </div>
        </Box>
      ))}
    </InfoCard>
  );
}
