import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, MarkdownContent } from '@backstage/core-components';
import type { TargetedCampaign } from '@ratchet/backstage-plugin-maturity-common';
import { formatDate } from '../shared/format';
import { CampaignProgressBar } from '../CampaignCommon/CampaignProgressBar';
import { CampaignStateChip } from '../CampaignCommon/CampaignStateChip';
import { dueLabel, isOpen, targetStateLabel } from '../CampaignCommon/format';
import { CampaignLink } from '../CampaignCommon/links';

const useStyles = makeStyles(theme => ({
  failing: { color: theme.palette.status.error },
  passing: { color: theme.palette.status.ok },
  muted: { color: theme.palette.text.secondary },
}));

/** The entity's own standing in one campaign, in words. */
export function targetSummary(campaign: TargetedCampaign): string {
  const { target } = campaign;
  if (target.state === 'notStarted') return 'Not evaluated yet';
  if (target.state === 'failing') {
    const n = target.failingChecks.length;
    return `${n} of ${campaign.checks.length} check${
      campaign.checks.length === 1 ? '' : 's'
    } still to do${target.regressed ? ' (regressed after passing)' : ''}`;
  }
  return target.state === 'exempt'
    ? 'Done (with exemptions)'
    : `Done since ${formatDate(target.firstPassedAt ?? target.since)}`;
}

/** One campaign as a target sees it: what it must do, by when, its own state and the campaign's progress. */
export function TargetedCampaignCard({
  campaign,
  now = new Date(),
}: {
  campaign: TargetedCampaign;
  now?: Date;
}) {
  const classes = useStyles();
  const { target } = campaign;
  const failing = new Map(target.failingChecks.map(c => [c.checkId, c]));
  let stateClass = classes.passing;
  if (target.state === 'failing') stateClass = classes.failing;
  if (target.state === 'notStarted') stateClass = classes.muted;
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <CampaignLink campaignRef={campaign.ref}>
            {campaign.title}
          </CampaignLink>
          <CampaignStateChip state={campaign.state} />
        </Box>
      }
      subheader={`Due ${formatDate(campaign.dueDate)}${
        isOpen(campaign.state) ? ` (${dueLabel(campaign.dueDate, now)})` : ''
      }`}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={8}>
          <Typography variant="subtitle2" className={stateClass}>
            {targetStateLabel(target.state)}: {targetSummary(campaign)}
          </Typography>
          <Box component="ul" pl={2} mb={0}>
            {campaign.checks.map(check => {
              const fail = failing.get(check.id);
              let mark = '✓';
              if (target.state === 'notStarted') mark = '…';
              else if (fail) mark = '✗';
              return (
                <li key={check.id}>
                  <Typography variant="body2">
                    <span aria-hidden>{mark} </span>
                    <strong>{check.title}</strong>
                    {fail ? ` — ${fail.message}` : ''}
                  </Typography>
                  {fail && (fail.remediation ?? check.remediation) && (
                    <MarkdownContent
                      content={fail.remediation ?? check.remediation ?? ''}
                    />
                  )}
                </li>
              );
            })}
          </Box>
        </Grid>
        <Grid item xs={12} md={4}>
          <Typography variant="overline" display="block">
            Whole campaign
          </Typography>
          <CampaignProgressBar
            progress={campaign.progress}
            label={`Progress of ${campaign.title}`}
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
