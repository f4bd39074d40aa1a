/*
 * The endpoints `yarn bench:api` measures: one table, so that adding an endpoint is one entry and `--only`
 * can name it by id.
 */
import { parseEntityRef } from '@backstage/catalog-model';

/** The team whose checks are measured (URL-encoded: the validator refuses reserved characters). */
const TEAM = encodeURIComponent('group:default/payments');

/** One measured endpoint: the final API route and, until it is served, the placeholder route it replaces. */
export interface ApiEndpoint {
  id: string;
  title: string;
  /** p95 target in milliseconds. */
  p95Target: number;
  /** Whether each request asks for another entity (paths rotate over a sample of entities). */
  perEntity: boolean;
  url: (entityRef: string) => string;
  placeholder: (entityRef: string) => string;
}

/** What is measured: the final API route and, until it is served, the placeholder route it replaces. */
export const ENDPOINTS: ReadonlyArray<ApiEndpoint> = [
  {
    id: 'entity',
    title: 'entity results',
    p95Target: 30,
    perEntity: true,
    url: ref => `/api/maturity/entities/${refPath(ref)}`,
    placeholder: ref => `/api/maturity/entities/${refPath(ref)}/results`,
  },
  {
    id: 'rollup',
    title: 'org roll-up',
    p95Target: 300,
    perEntity: false,
    url: () =>
      '/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=org',
    placeholder: () => '/api/maturity/scorecards',
  },
  {
    id: 'rollup-owner',
    title: 'roll-up by owner',
    p95Target: 300,
    perEntity: false,
    url: () =>
      '/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=owner',
    placeholder: () => '/api/maturity/scorecards',
  },
  {
    id: 'rollup-team',
    title: "a team's roll-up",
    p95Target: 300,
    perEntity: false,
    url: () =>
      `/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=org&owner=${TEAM}`,
    // Before the team view filtered roll-ups it took its group from the roll-up by owner.
    placeholder: () =>
      '/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=owner',
  },
  {
    id: 'team-checks',
    title: "a team's checks",
    p95Target: 300,
    perEntity: false,
    url: () =>
      `/api/maturity/scorecards/default/bench-maturity/checks?owner=${TEAM}&order=failing&limit=10`,
    // Before the route existed the team view asked each check's detail; this is one of those requests.
    placeholder: () =>
      `/api/maturity/scorecards/default/bench-maturity/checks/has-owner?owner=${TEAM}&status=fail&limit=1`,
  },
];

function refPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}
