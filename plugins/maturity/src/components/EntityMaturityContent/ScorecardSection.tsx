import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import type { EntityScorecard } from '@ratchet/backstage-plugin-maturity-common';
import { breakdownOf, countsText } from '../shared/counts';
import { LevelBadge } from '../shared/LevelBadge';
import { ScorecardLink } from '../shared/links';
import { EntityHistoryCard } from './EntityHistoryCard';
import { NextLevelCard } from './NextLevelCard';
import { RubricGrid } from './RubricGrid';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
}));

/** Props of {@link ScorecardSection}. */
export interface ScorecardSectionProps {
  entityRef: string;
  scorecard: EntityScorecard;
  version: number;
  onRequestExemption?: (scorecardRef: string, checkId: string) => void;
}

/** One scorecard on the entity tab: heading with the level, what to do next, history and the rubric. */
export function ScorecardSection({
  entityRef,
  scorecard,
  version,
  onRequestExemption,
}: ScorecardSectionProps) {
  const classes = useStyles();
  const level =
    scorecard.level.index >= 0
      ? scorecard.levels[scorecard.level.index]
      : undefined;
  return (
    <>
      <Grid item xs={12}>
        <Box
          className={classes.heading}
          role="group"
          aria-label={`${scorecard.title} standing`}
        >
          <Typography variant="h5" component="h2">
            <ScorecardLink scorecardRef={scorecard.ref}>
              {scorecard.title}
            </ScorecardLink>
          </Typography>
          <LevelBadge level={level} size="medium" />
          <Typography variant="body2" color="textSecondary">
            {scorecard.evaluated
              ? countsText(breakdownOf(scorecard.checks))
              : 'Not evaluated yet'}
          </Typography>
        </Box>
      </Grid>
      <Grid item xs={12} md={6}>
        <NextLevelCard
          scorecard={scorecard}
          onRequestExemption={
            onRequestExemption
              ? id => onRequestExemption(scorecard.ref, id)
              : undefined
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <EntityHistoryCard
          entityRef={entityRef}
          scorecard={scorecard}
          version={version}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Rubric"
          subheader="Every check by category and level; checks in italics do not count yet (effective later)"
          noPadding
        >
          <RubricGrid scorecard={scorecard} />
        </InfoCard>
      </Grid>
    </>
  );
}
