import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CampaignDetail } from '@ratchet/backstage-plugin-maturity-common';
import { formatDate, formatDateTime, shortRef } from '../shared/format';
import { ScorecardLink } from '../shared/links';
import { CampaignProgressBar } from '../CampaignCommon/CampaignProgressBar';
import { CampaignStateChip } from '../CampaignCommon/CampaignStateChip';
import { dueLabel, isOpen } from '../CampaignCommon/format';

/** Where the campaign's checks ratchet in, and whether they already did. */
function Promotion({ campaign }: { campaign: CampaignDetail }) {
  const promotion = campaign.promoteTo;
  if (!promotion) return <>No promotion: the checks stay in the campaign</>;
  const target = (
    <>
      level <strong>{promotion.level}</strong>
      {promotion.category ? ` (${promotion.category})` : ''} of{' '}
      <ScorecardLink scorecardRef={promotion.scorecard}>
        {shortRef(promotion.scorecard)}
      </ScorecardLink>
    </>
  );
  if (promotion.promotedAt) {
    return (
      <>
        Ratcheted into {target} on {formatDate(promotion.promotedAt)}
      </>
    );
  }
  return (
    <>
      On completion (
      {campaign.completeWhen === 'dueDate'
        ? 'at the due date'
        : 'when every target passes'}
      ) its checks join {target}
    </>
  );
}

/** A campaign's state, dates, owner, progress, promotion and reminders. */
export function CampaignOverviewCard({
  campaign,
  now = new Date(),
}: {
  campaign: CampaignDetail;
  now?: Date;
}) {
  const reminders = campaign.reminders.every
    ? `every ${campaign.reminders.every.replace(/^P/, '').toLowerCase()}`
    : 'none on a cadence';
  return (
    <InfoCard title="Overview">
      {campaign.problems.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            title="This campaign's definition has problems"
            message={campaign.problems.join(' ')}
          />
        </Box>
      )}
      <Box mb={2}>
        <CampaignProgressBar
          progress={campaign.progress}
          label="Campaign progress"
        />
      </Box>
      <StructuredMetadataTable
        dense
        metadata={{
          state: <CampaignStateChip state={campaign.state} />,
          owner: (
            <EntityRefLink entityRef={campaign.owner} defaultKind="group" />
          ),
          start: formatDate(campaign.startDate),
          due: (
            <Typography variant="body2" component="span">
              {formatDate(campaign.dueDate)}
              {isOpen(campaign.state) &&
                ` (${dueLabel(campaign.dueDate, now)})`}
            </Typography>
          ),
          'projected completion': campaign.projectedCompletion
            ? formatDate(campaign.projectedCompletion)
            : 'not enough progress yet',
          ratchet: <Promotion campaign={campaign} />,
          reminders: `${reminders}; last ${formatDateTime(
            campaign.lastReminderAt ?? undefined,
          )}; next ${formatDateTime(campaign.nextReminderAt ?? undefined)}`,
        }}
      />
    </InfoCard>
  );
}
