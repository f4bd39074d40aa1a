/**
 * The maturity plugin for Backstage's new frontend system: the same pages, entity contents and card as
 * blueprints.
 *
 * @packageDocumentation
 */
import Assessment from '@material-ui/icons/Assessment';
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
  checkRouteRef,
  entityContentRouteRef,
  rootRouteRef,
  scorecardRouteRef,
  teamContentRouteRef,
} from './routes';

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

/** The maturity plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'maturity',
  title: 'Maturity',
  icon: <Assessment />,
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
    check: checkRouteRef,
  },
  extensions: [
    maturityApi,
    maturityPage,
    entityMaturityContent,
    entityTeamMaturityContent,
    entityMaturityCard,
  ],
});
