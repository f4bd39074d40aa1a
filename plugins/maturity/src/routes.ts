import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The scorecards page (mounted at `/maturity` in the demo app). */
export const rootRouteRef = createRouteRef({ id: 'maturity' });

/** One scorecard's org report. */
export const scorecardRouteRef = createSubRouteRef({
  id: 'maturity/scorecard',
  parent: rootRouteRef,
  path: '/scorecards/:namespace/:name',
});

/** One check of a scorecard: rule, pass rate over time, failing entities, exemptions. */
export const checkRouteRef = createSubRouteRef({
  id: 'maturity/check',
  parent: rootRouteRef,
  path: '/scorecards/:namespace/:name/checks/:checkId',
});

/** Where the app mounts the entity Maturity tab (an entity page route, separate from the page). */
export const entityContentRouteRef = createRouteRef({
  id: 'maturity/entity-content',
});

/** Where the app mounts the Group team view. */
export const teamContentRouteRef = createRouteRef({
  id: 'maturity/team-content',
});

/** The campaigns page (mounted at `/campaigns` in the demo app). */
export const campaignsRouteRef = createRouteRef({ id: 'maturity/campaigns' });

/** One campaign: brief, burn-up, per-team progress, failing targets. */
export const campaignRouteRef = createSubRouteRef({
  id: 'maturity/campaign',
  parent: campaignsRouteRef,
  path: '/:namespace/:name',
});

/** Where the app mounts the entity Campaigns tab. */
export const entityCampaignsContentRouteRef = createRouteRef({
  id: 'maturity/entity-campaigns',
});

/** Where the app mounts a Group's campaign work. */
export const teamCampaignsContentRouteRef = createRouteRef({
  id: 'maturity/team-campaigns',
});
