import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import { maturityApiRef } from '../../api';
import { formatDate } from '../shared/format';
import { CampaignLink } from '../CampaignCommon/links';
import { targetStateLabel } from '../CampaignCommon/format';
import { targetSummary } from './TargetedCampaignCard';

/** The overview card: the campaigns targeting the entity, its state in each and the due date. */
export function EntityCampaignsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityRefLink();
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEntityCampaigns(entityRef),
    [api, entityRef],
  );
  const deepLink = {
    title: 'What to do',
    link: `${entityLink(entityRef)}/campaigns`,
  };
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value || value.items.length === 0)
    content = (
      <Typography color="textSecondary">
        No campaign targets this entity.
      </Typography>
    );
  else
    content = (
      <Box component="ul" m={0} pl={2}>
        {value.items.map(c => (
          <li key={c.ref}>
            <Typography variant="body2">
              <CampaignLink campaignRef={c.ref}>{c.title}</CampaignLink>
              {` — due ${formatDate(c.dueDate)}`}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {c.target.state === 'notStarted'
                ? targetStateLabel(c.target.state)
                : targetSummary(c)}
            </Typography>
          </li>
        ))}
      </Box>
    );
  return (
    <InfoCard title="Campaigns" deepLink={deepLink}>
      {content}
    </InfoCard>
  );
}
