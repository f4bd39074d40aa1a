import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  CheckDefinition,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { formatDate } from '../shared/format';
import { LevelBadge } from '../shared/LevelBadge';

const useStyles = makeStyles(theme => ({
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  rule: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    whiteSpace: 'pre-wrap',
    backgroundColor: theme.palette.background.default,
    color: theme.palette.text.primary,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
    margin: theme.spacing(1, 0, 2),
    overflowX: 'auto',
  },
}));

/** Props of {@link CheckDefinitionCard}. */
export interface CheckDefinitionCardProps {
  scorecard: ScorecardDetail;
  check: CheckDefinition;
}

/** A check's description, level and category, its rule in readable form and how to fix a failure. */
export function CheckDefinitionCard({
  scorecard,
  check,
}: CheckDefinitionCardProps) {
  const classes = useStyles();
  const level = scorecard.levels.find(l => l.id === check.level);
  const category = scorecard.categories.find(c => c.id === check.category);
  return (
    <InfoCard title="About this check" variant="gridItem">
      <Box className={classes.meta}>
        <LevelBadge level={level} />
        {category && (
          <Typography variant="body2" title={category.description}>
            Category: <strong>{category.title}</strong>
          </Typography>
        )}
        {check.effectiveFrom && (
          <Typography variant="body2">
            Counts from {formatDate(check.effectiveFrom)}
          </Typography>
        )}
        {check.fromCampaign && (
          <Typography variant="body2">
            Ratcheted in from <EntityRefLink entityRef={check.fromCampaign} />
          </Typography>
        )}
      </Box>
      {check.description && <MarkdownContent content={check.description} />}
      {check.problems.map(problem => (
        <Alert key={problem} severity="warning">
          {problem}
        </Alert>
      ))}
      {check.sourceProblems.map(problem => (
        <Alert key={problem.message} severity="warning">
          {problem.kind === 'sourceNotInstalled'
            ? `This check reads \`${problem.source}\`, which is not installed: it is in error for every entity.`
            : `This check reads \`${problem.fact}\`, which source \`${problem.source}\` does not declare: it is in error wherever the fact is missing.`}
        </Alert>
      ))}
      <Typography variant="subtitle2" component="h3">
        Rule
      </Typography>
      <pre className={classes.rule} aria-label="Rule">
        {check.ruleText}
      </pre>
      {check.remediation && (
        <>
          <Typography variant="subtitle2" component="h3">
            How to fix a failure
          </Typography>
          <MarkdownContent content={check.remediation} dialect="gfm" />
        </>
      )}
    </InfoCard>
  );
}
