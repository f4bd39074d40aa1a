/*
 * The Ratchet demo backend: Backstage's catalog, auth (guest sign-in), permissions, notifications and
 * signals, search and kubernetes, plus the Ratchet plugins.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo (see app-config.yaml, auth.providers.guest)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// demo only: a second guest-like sign-in, as the readiness reviewer (Dmitri); the app offers both users
backend.add(import('./demo/demoReviewerSignIn'));

// catalog, with Ratchet's Scorecard / Campaign / Checklist kinds
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@ratchet/backstage-plugin-catalog-backend-module-maturity'),
);

// Ratchet: facts, checks, results, levels
backend.add(import('@ratchet/backstage-plugin-maturity-backend'));

// Kubernetes: workloads of every cluster become Components; their facts drive the scorecards
backend.add(
  import('@ratchet/backstage-plugin-catalog-backend-module-kubernetes'),
);
backend.add(
  import('@ratchet/backstage-plugin-maturity-backend-module-kubernetes'),
);
// demo only: the two sample clusters of examples/kubernetes as loopback API servers
backend.add(import('./demo/kubernetesDemoClusters'));

// repository facts (files, dependencies, Dockerfile, CODEOWNERS; Dependabot alerts, pull requests and
// language from GitHub) through the UrlReader and the integrations config
backend.add(import('@ratchet/backstage-plugin-maturity-backend-module-scm'));
// demo only: Ratchet Demo Co's GitHub Enterprise (examples/repositories) as a loopback GitHub API, and its
// CI pipelines pushing facts through POST /api/maturity/facts (examples/repositories/pipelines.yaml)
backend.add(import('./demo/githubDemoRepositories'));
backend.add(import('./demo/demoCiJob'));
// demo only: three services at different readiness phases (playground, review waiting, ready)
backend.add(import('./demo/demoReadiness'));

// permissions: the demo policy allows everything except readiness answers (the entity's owners) and
// readiness reviews (the checklist's reviewers group); see README "Operational readiness in the demo"
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./demo/demoPermissionPolicy'));

// search (in-memory Lunr engine) over the catalog
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals: Ratchet's reminders and level-drop alerts arrive here
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
