import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { maturityApiRef, MaturityClient } from './api';
import {
  checkRouteRef,
  entityContentRouteRef,
  rootRouteRef,
  scorecardRouteRef,
  teamContentRouteRef,
} from './routes';
import { kubernetesTriageRouteRef } from './components/KubernetesTriagePage/route';

/** The Ratchet maturity frontend plugin (legacy frontend system). */
export const maturityPlugin = createPlugin({
  id: 'maturity',
  apis: [
    createApiFactory({
      api: maturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MaturityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
    check: checkRouteRef,
  },
});

/** The scorecards page with the org reports and check pages (mount it at `/maturity`). */
export const MaturityPage = maturityPlugin.provide(
  createRoutableExtension({
    name: 'MaturityPage',
    component: () =>
      import('./components/MaturityPage').then(m => m.MaturityPage),
    mountPoint: rootRouteRef,
  }),
);

/** The entity tab content: levels, rubric, next level, history, exemptions, re-evaluate. */
export const EntityMaturityContent = maturityPlugin.provide(
  createRoutableExtension({
    name: 'EntityMaturityContent',
    component: () =>
      import('./components/EntityMaturityContent').then(
        m => m.EntityMaturityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** A Group's team view: its entities' levels and the checks failing most often in the team. */
export const EntityTeamMaturityContent = maturityPlugin.provide(
  createRoutableExtension({
    name: 'EntityTeamMaturityContent',
    component: () =>
      import('./components/EntityTeamMaturityContent').then(
        m => m.EntityTeamMaturityContent,
      ),
    mountPoint: teamContentRouteRef,
  }),
);

/** The entity overview card: level badges and failing checks, linking to the Maturity tab. */
export const EntityMaturityCard = maturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMaturityCard',
    component: {
      lazy: () =>
        import('./components/EntityMaturityCard').then(
          m => m.EntityMaturityCard,
        ),
    },
  }),
);

/** The Kubernetes triage page: the provider's preview, unowned workloads with owner suggestions, cluster errors. */
export const KubernetesTriagePage = maturityPlugin.provide(
  createRoutableExtension({
    name: 'KubernetesTriagePage',
    component: () =>
      import('./components/KubernetesTriagePage').then(
        m => m.KubernetesTriagePage,
      ),
    mountPoint: kubernetesTriageRouteRef,
  }),
);
