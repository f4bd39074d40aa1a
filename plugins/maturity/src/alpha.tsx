/**
 * The maturity plugin for Backstage's new frontend system: the same pages, entity contents and card as
 * blueprints.
 *
 * @packageDocumentation
 */
import Assessment from '@material-ui/icons/Assessment';
import Flag from '@material-ui/icons/Flag';
import VerifiedUser from '@material-ui/icons/VerifiedUser';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { compatWrapper } from '@backstage/core-compat-api';
import { maturityApiRef, MaturityClient } from './api';
import {
  campaignRouteRef,
  campaignsRouteRef,
  checkRouteRef,
  entityCampaignsContentRouteRef,
  entityContentRouteRef,
  rootRouteRef,
  scorecardRouteRef,
  teamCampaignsContentRouteRef,
  teamContentRouteRef,
} from './routes';
import { readinessApiRef } from './api/ReadinessApi';
import { ReadinessClient } from './api/ReadinessClient';
import {
  entityReadinessContentRouteRef,
  readinessRouteRef,
} from './components/ReadinessCommon/routes';

/** The kinds a scorecard can rate and that get a Maturity tab and card. */
const RATED_KINDS = ['component', 'api', 'resource', 'system', 'group'];

/** The maturity backend client. */
export const maturityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: maturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MaturityClient({ discoveryApi, fetchApi }),
    }),
});

/** The scorecards page at `/maturity`, with org reports and check pages below it. */
export const maturityPage = PageBlueprint.make({
  params: {
    path: '/maturity',
    title: 'Maturity',
    icon: <Assessment />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/MaturityPage').then(m =>
        compatWrapper(<m.MaturityPage />),
      ),
  },
});

/** The entity Maturity tab for every kind a scorecard can rate. */
export const entityMaturityContent = EntityContentBlueprint.make({
  name: 'maturity',
  params: {
    path: 'maturity',
    title: 'Maturity',
    routeRef: entityContentRouteRef,
    filter: { kind: { $in: RATED_KINDS } },
    loader: () =>
      import('./components/EntityMaturityContent').then(m =>
        compatWrapper(<m.EntityMaturityContent />),
      ),
  },
});

/** The Group team view tab. */
export const entityTeamMaturityContent = EntityContentBlueprint.make({
  name: 'team-maturity',
  params: {
    path: 'team-maturity',
    title: 'Team maturity',
    routeRef: teamContentRouteRef,
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityTeamMaturityContent').then(m =>
        compatWrapper(<m.EntityTeamMaturityContent />),
      ),
  },
});

/** The entity overview card. */
export const entityMaturityCard = EntityCardBlueprint.make({
  name: 'maturity',
  params: {
    filter: { kind: { $in: RATED_KINDS } },
    loader: () =>
      import('./components/EntityMaturityCard').then(m =>
        compatWrapper(<m.EntityMaturityCard />),
      ),
  },
});

/** The kinds a campaign can target; a Group gets its team's campaign work instead. */
const CAMPAIGN_TARGET_KINDS = ['component', 'api', 'resource', 'system'];

/** The campaigns page at `/campaigns`, with one page per campaign below it. */
export const campaignsPage = PageBlueprint.make({
  name: 'campaigns',
  params: {
    path: '/campaigns',
    title: 'Campaigns',
    icon: <Flag />,
    routeRef: campaignsRouteRef,
    loader: () =>
      import('./components/CampaignsPage').then(m =>
        compatWrapper(<m.CampaignsPage />),
      ),
  },
});

/** The entity Campaigns tab (an empty state explains it when no campaign targets the entity). */
export const entityCampaignsContent = EntityContentBlueprint.make({
  name: 'campaigns',
  params: {
    path: 'campaigns',
    title: 'Campaigns',
    routeRef: entityCampaignsContentRouteRef,
    filter: { kind: { $in: CAMPAIGN_TARGET_KINDS } },
    loader: () =>
      import('./components/EntityCampaignsContent').then(m =>
        compatWrapper(<m.EntityCampaignsContent />),
      ),
  },
});

/** The Group's campaign work tab. */
export const entityTeamCampaignsContent = EntityContentBlueprint.make({
  name: 'team-campaigns',
  params: {
    path: 'campaigns',
    title: 'Campaigns',
    routeRef: teamCampaignsContentRouteRef,
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamCampaignsContent').then(m =>
        compatWrapper(<m.TeamCampaignsContent />),
      ),
  },
});

/** The entity overview card of the campaigns targeting it. */
export const entityCampaignsCard = EntityCardBlueprint.make({
  name: 'campaigns',
  params: {
    filter: { kind: { $in: CAMPAIGN_TARGET_KINDS } },
    loader: () =>
      import('./components/EntityCampaignsContent').then(m =>
        compatWrapper(<m.EntityCampaignsCard />),
      ),
  },
});

/** The readiness client. */
export const readinessApi = ApiBlueprint.make({
  name: 'readiness',
  params: defineParams =>
    defineParams({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
});

/** The readiness page at `/readiness`: org overview and, at `/readiness/reviews`, the reviewer queue. */
export const readinessPage = PageBlueprint.make({
  name: 'readiness',
  params: {
    path: '/readiness',
    title: 'Readiness',
    icon: <VerifiedUser />,
    routeRef: readinessRouteRef,
    loader: () =>
      import('./components/ReadinessPage').then(m =>
        compatWrapper(<m.ReadinessPage />),
      ),
  },
});

/** The entity Readiness tab on services and websites (the kinds the sample checklist applies to). */
export const entityReadinessContent = EntityContentBlueprint.make({
  name: 'readiness',
  params: {
    path: 'readiness',
    title: 'Readiness',
    routeRef: entityReadinessContentRouteRef,
    filter: { kind: 'component', 'spec.type': { $in: ['service', 'website'] } },
    loader: () =>
      import('./components/ReadinessEntityContent').then(m =>
        compatWrapper(<m.ReadinessEntityContent />),
      ),
  },
});

/** The maturity plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'maturity',
  title: 'Maturity',
  icon: <Assessment />,
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
    check: checkRouteRef,
    campaigns: campaignsRouteRef,
    campaign: campaignRouteRef,
  },
  extensions: [
    maturityApi,
    maturityPage,
    entityMaturityContent,
    entityTeamMaturityContent,
    entityMaturityCard,
    campaignsPage,
    entityCampaignsContent,
    entityTeamCampaignsContent,
    entityCampaignsCard,
    readinessApi,
    readinessPage,
    entityReadinessContent,
  ],
});
