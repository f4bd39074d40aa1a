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
import { kubernetesTriageRouteRef } from './components/KubernetesTriagePage/route';
import { readinessApiRef } from './api/ReadinessApi';
import { ReadinessClient } from './api/ReadinessClient';
import {
  entityReadinessContentRouteRef,
  readinessRouteRef,
} from './components/ReadinessCommon/routes';

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
    createApiFactory({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
    check: checkRouteRef,
    campaigns: campaignsRouteRef,
    campaign: campaignRouteRef,
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

/** The readiness page: org overview by phase and upcoming launches, and the reviewer queue (mount it at `/readiness`). */
export const ReadinessPage = maturityPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessPage',
    component: () =>
      import('./components/ReadinessPage').then(m => m.ReadinessPage),
    mountPoint: readinessRouteRef,
  }),
);

/** The entity Readiness tab: phases, checklist items and answers, the review and the audit trail. */
export const EntityReadinessContent = maturityPlugin.provide(
  createRoutableExtension({
    name: 'EntityReadinessContent',
    component: () =>
      import('./components/ReadinessEntityContent').then(
        m => m.ReadinessEntityContent,
      ),
    mountPoint: entityReadinessContentRouteRef,
  }),
);

/** The campaigns page with one page per campaign (mount it at `/campaigns`). */
export const CampaignsPage = maturityPlugin.provide(
  createRoutableExtension({
    name: 'CampaignsPage',
    component: () =>
      import('./components/CampaignsPage').then(m => m.CampaignsPage),
    mountPoint: campaignsRouteRef,
  }),
);

/** The entity Campaigns tab: what each campaign targeting it asks, by when, and its progress. */
export const EntityCampaignsContent = maturityPlugin.provide(
  createRoutableExtension({
    name: 'EntityCampaignsContent',
    component: () =>
      import('./components/EntityCampaignsContent').then(
        m => m.EntityCampaignsContent,
      ),
    mountPoint: entityCampaignsContentRouteRef,
  }),
);

/** The entity overview card of the campaigns targeting it. */
export const EntityCampaignsCard = maturityPlugin.provide(
  createComponentExtension({
    name: 'EntityCampaignsCard',
    component: {
      lazy: () =>
        import('./components/EntityCampaignsContent').then(
          m => m.EntityCampaignsCard,
        ),
    },
  }),
);

/** A Group's campaign work: its open campaigns with failing targets, most urgent first. */
export const EntityTeamCampaignsContent = maturityPlugin.provide(
  createRoutableExtension({
    name: 'EntityTeamCampaignsContent',
    component: () =>
      import('./components/TeamCampaignsContent').then(
        m => m.TeamCampaignsContent,
      ),
    mountPoint: teamCampaignsContentRouteRef,
  }),
);
