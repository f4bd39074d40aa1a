/*
 * Entity page blocks that several kinds' pages share: the Maturity tab and card, the CI/CD placeholder,
 * the warning banners and the common overview grid.
 */
import { Button, Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityHasSubcomponentsCard,
  EntityLayout,
  EntityLinksCard,
  EntitySwitch,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  isKind,
  hasCatalogProcessingErrors,
  isOrphan,
  hasRelationWarnings,
  EntityRelationWarning,
} from '@backstage/plugin-catalog';
import { EmptyState } from '@backstage/core-components';
import { EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import {
  EntityCampaignsCard,
  EntityCampaignsContent,
  EntityMaturityCard,
  EntityMaturityContent,
  isCampaignTarget,
} from '@ratchet/backstage-plugin-maturity';

// Ratchet: every kind a scorecard can rate gets the Maturity tab (path /maturity) and the overview card.
export const maturityRoute = (
  <EntityLayout.Route
    path="/maturity"
    title="Maturity"
    if={isKind(['component', 'api', 'resource', 'system', 'group'])}
  >
    <EntityMaturityContent />
  </EntityLayout.Route>
);

export const maturityCard = (
  <Grid item md={6} xs={12}>
    <EntityMaturityCard />
  </Grid>
);

// Ratchet: every kind a campaign can target gets the Campaigns tab (shown even when no scorecard rates
// it); the overview card appears only when a campaign targets the entity.
export const campaignsRoute = (
  <EntityLayout.Route
    path="/campaigns"
    title="Campaigns"
    if={isKind(['component', 'api', 'resource', 'system'])}
  >
    <EntityCampaignsContent />
  </EntityLayout.Route>
);

export const campaignsCard = (
  <EntitySwitch>
    <EntitySwitch.Case if={isCampaignTarget}>
      <Grid item md={6} xs={12}>
        <EntityCampaignsCard />
      </Grid>
    </EntitySwitch.Case>
  </EntitySwitch>
);

export const cicdContent = (
  // This is an example of how you can implement your company's logic in entity page.
  // You can for example enforce that all components of type 'service' should use GitHubActions
  <EntitySwitch>
    {/*
      Here you can add support for different CI/CD services, for example
      using @backstage-community/plugin-github-actions as follows:
      <EntitySwitch.Case if={isGithubActionsAvailable}>
        <EntityGithubActionsContent />
      </EntitySwitch.Case>
     */}
    <EntitySwitch.Case>
      <EmptyState
        title="No CI/CD available for this entity"
        missing="info"
        description="You need to add an annotation to your component if you want to enable CI/CD for it. You can read more about annotations in Backstage by clicking the button below."
        action={
          <Button
            variant="contained"
            color="primary"
            href="https://backstage.io/docs/features/software-catalog/well-known-annotations"
          >
            Read more
          </Button>
        }
      />
    </EntitySwitch.Case>
  </EntitySwitch>
);

export const entityWarningContent = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isOrphan}>
        <Grid item xs={12}>
          <EntityOrphanWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasRelationWarnings}>
        <Grid item xs={12}>
          <EntityRelationWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasCatalogProcessingErrors}>
        <Grid item xs={12}>
          <EntityProcessingErrorsPanel />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

export const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    {entityWarningContent}
    <Grid item md={6}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityCatalogGraphCard height={400} />
    </Grid>

    {maturityCard}
    {campaignsCard}
    <Grid item md={6} xs={12}>
      <EntityLinksCard />
    </Grid>
    <Grid item md={12} xs={12}>
      <EntityHasSubcomponentsCard />
    </Grid>
  </Grid>
);
