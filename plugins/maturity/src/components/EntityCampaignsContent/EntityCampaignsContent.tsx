import Grid from '@material-ui/core/Grid';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import { maturityApiRef } from '../../api';
import { TargetedCampaignCard } from './TargetedCampaignCard';

/** The entity's Campaigns tab: every campaign targeting it (open ones first), even when no scorecard rates it. */
export function EntityCampaignsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEntityCampaigns(entityRef),
    [api, entityRef],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No campaign targets this entity"
        description="Campaigns choose their targets with a catalog filter. When one matches this entity, what it must do and by when shows up here."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {value.items.map(campaign => (
        <Grid item xs={12} key={campaign.ref}>
          <TargetedCampaignCard campaign={campaign} />
        </Grid>
      ))}
    </Grid>
  );
}
