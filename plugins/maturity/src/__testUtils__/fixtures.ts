import type { Entity } from '@backstage/catalog-model';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import type {
  CheckDetail,
  EntityHistory,
  EntityScorecard,
  EntityView,
  Exemption,
  Rollup,
  ScorecardCheckPage,
  ScorecardDetail,
  ScorecardSummary,
} from '@ratchet/backstage-plugin-maturity-common';
import type { MaturityApi } from '../api';
import { campaignApiDefaults } from './campaignFixtures';

type PermissionResponse = Awaited<ReturnType<PermissionApi['authorize']>>;
/** A permission decision as the permission API answers it. */
export type Decision = PermissionResponse['result'];
/** Allow / deny answers for a permission API test double. */
export const ALLOW = 'ALLOW' as Decision;
export const DENY = 'DENY' as Decision;

/** A permission API that answers every request the same way. */
export function permissionApi(result: Decision): PermissionApi {
  return { authorize: async () => ({ result } as PermissionResponse) };
}

export const levels = [
  { id: 'bronze', title: 'Bronze', color: '#cd7f32' },
  { id: 'silver', title: 'Silver', color: '#a8a9ad' },
];

export const categories = [
  { id: 'ownership', title: 'Ownership' },
  { id: 'design', title: 'Design' },
];

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export const entityScorecard: EntityScorecard = {
  ref: 'scorecard:default/api-maturity',
  title: 'API Maturity',
  evaluated: true,
  level: { id: 'bronze', title: 'Bronze', index: 0 },
  levels,
  categories,
  counts: { passed: 2, failed: 0, errored: 1, total: 3 },
  checks: [
    {
      id: 'has-owner',
      title: 'Owned by an existing team',
      level: 'bronze',
      category: 'ownership',
      status: 'pass',
      message: 'Owned by group:default/payments.',
      effective: true,
    },
    {
      id: 'openapi-3',
      title: 'Uses OpenAPI 3',
      level: 'silver',
      category: 'design',
      status: 'pass',
      message: 'OpenAPI 3.0.3.',
      effective: true,
    },
    {
      id: 'definition-linted',
      title: 'Definition passes the linter',
      level: 'silver',
      category: 'design',
      status: 'error',
      message: 'missing fact pushed.ci.apiLint.errors',
      remediation: 'Run **Spectral** in CI.',
      effective: true,
    },
  ],
  nextLevel: {
    level: levels[1],
    index: 1,
    blocking: [
      {
        id: 'definition-linted',
        title: 'Definition passes the linter',
        level: 'silver',
        category: 'design',
        status: 'error',
        message: 'missing fact pushed.ci.apiLint.errors',
        remediation: 'Run **Spectral** in CI.',
      },
    ],
  },
};

export const entityView: EntityView = {
  entityRef: 'api:default/payments-api',
  scorecards: [entityScorecard],
  campaigns: [],
};

/** The same entity after the fix: Silver, nothing in the way. */
export const silverView: EntityView = {
  ...entityView,
  scorecards: [
    {
      ...entityScorecard,
      level: { id: 'silver', title: 'Silver', index: 1 },
      counts: { passed: 3, failed: 0, errored: 0, total: 3 },
      checks: entityScorecard.checks.map(c => ({
        ...c,
        status: 'pass' as const,
      })),
      nextLevel: null,
    },
  ],
};

export const history: EntityHistory = {
  entityRef: 'api:default/payments-api',
  scorecardRef: 'scorecard:default/api-maturity',
  days: 30,
  snapshots: [
    { day: '2026-11-22', level: null, levelIndex: -1, passed: 1, total: 3 },
    { day: '2026-11-23', level: 'bronze', levelIndex: 0, passed: 2, total: 3 },
  ],
  transitions: [
    {
      checkId: 'has-owner',
      fromStatus: 'fail',
      toStatus: 'pass',
      message: 'Owned by group:default/payments.',
      at: '2026-11-23T10:00:00Z',
    },
  ],
};

export const exemption: Exemption = {
  id: 'ex-1',
  entityRef: 'api:default/payments-api',
  definitionRef: 'scorecard:default/api-maturity',
  checkId: 'definition-linted',
  reason: 'Linter not available for this spec yet',
  requestedBy: 'user:default/alex.chen',
  requestedAt: '2026-11-20T10:00:00Z',
  status: 'requested',
  expiresAt: '2027-02-20T23:59:59Z',
  active: false,
};

export const summary: ScorecardSummary = {
  ref: 'scorecard:default/api-maturity',
  namespace: 'default',
  name: 'api-maturity',
  title: 'API Maturity',
  description: 'Whether an API can be depended on.',
  owner: 'group:default/platform',
  levels,
  categories,
  checkCount: 3,
  entityCount: 6,
  distribution: [
    { level: null, count: 1 },
    { level: 'bronze', count: 4 },
    { level: 'silver', count: 1 },
  ],
};

export const detail: ScorecardDetail = {
  ...summary,
  appliesTo: { kind: 'API' },
  checks: entityScorecard.checks.map(c => ({
    id: c.id,
    title: c.title,
    level: c.level,
    category: c.category,
    description: `Why ${c.title} matters.`,
    remediation: c.remediation,
    rule: { fact: 'x', operator: 'exists' },
    ruleText: `fact ${c.id} exists`,
    problems: [],
    effective: true,
    sourceProblems: [],
  })),
  health: [],
};

export const rollup: Rollup = {
  scorecardRef: 'scorecard:default/api-maturity',
  groupBy: 'owner',
  levels,
  categories,
  groups: ['payments', 'ledger', 'identity'].map((team, i) => ({
    key: `group:default/${team}`,
    entityCount: 2,
    distribution: [
      { level: null, count: 0 },
      { level: 'bronze', count: 2 - (i % 2) },
      { level: 'silver', count: i % 2 },
    ],
    categories: [
      { id: 'ownership', passed: 2, total: 2, share: 1 },
      { id: 'design', passed: i, total: 4, share: i / 4 },
    ],
  })),
};

export const checkDetail: CheckDetail = {
  scorecardRef: 'scorecard:default/api-maturity',
  check: detail.checks[2],
  counts: { pass: 2, fail: 1, error: 3, 'not-applicable': 0, exempt: 0 },
  passRate: 2 / 6,
  entities: {
    items: [
      {
        entityRef: 'api:default/ledger-grpc',
        status: 'error',
        message: 'missing fact pushed.ci.apiLint.errors',
        since: '2026-11-20T10:00:00Z',
        evaluatedAt: '2026-11-23T10:00:00Z',
      },
    ],
    total: 4,
    limit: 10,
    offset: 0,
    nextOffset: null,
  },
};

/** The checks of the scorecard counted for a team, most failing first. */
export const teamChecks: ScorecardCheckPage = {
  scorecardRef: 'scorecard:default/api-maturity',
  entityCount: 6,
  items: [
    {
      checkId: 'definition-linted',
      title: 'Definition passes the linter',
      level: 'silver',
      category: 'design',
      counts: { pass: 2, fail: 3, error: 1, 'not-applicable': 0, exempt: 0 },
      failing: 3,
      error: 1,
      notCountedYet: 0,
      effective: true,
      passRate: 1 / 3,
    },
    {
      checkId: 'has-owner',
      title: 'Owned by an existing team',
      level: 'bronze',
      category: 'ownership',
      counts: { pass: 6, fail: 0, error: 0, 'not-applicable': 0, exempt: 0 },
      failing: 0,
      error: 0,
      notCountedYet: 0,
      effective: true,
      passRate: 1,
    },
  ],
  total: 2,
  limit: 10,
  offset: 0,
  nextOffset: null,
};

/** A maturity API whose every method is a jest mock, with sensible answers. */
export function mockMaturityApi(
  overrides: Partial<MaturityApi> = {},
): jest.Mocked<MaturityApi> {
  const impl: MaturityApi = {
    listScorecards: async () => [summary],
    getScorecard: async () => detail,
    getRollup: async () => rollup,
    listScorecardEntities: async () => ({
      items: [
        {
          entityRef: 'api:default/ledger-grpc',
          owner: 'group:default/ledger',
          system: 'system:default/accounts',
          lifecycle: 'production',
          level: { id: null, title: null, index: -1 },
          counts: { passed: 1, failed: 2, errored: 0, total: 3 },
        },
      ],
      total: 1,
      limit: 10,
      offset: 0,
      nextOffset: null,
    }),
    getScorecardHistory: async () => ({
      scorecardRef: summary.ref,
      days: 30,
      points: [
        { day: '2026-11-22', distribution: summary.distribution },
        { day: '2026-11-23', distribution: summary.distribution },
      ],
    }),
    listScorecardChecks: async () => teamChecks,
    getCheck: async () => checkDetail,
    getCheckHistory: async () => ({
      scorecardRef: summary.ref,
      checkId: 'definition-linted',
      days: 30,
      points: [
        { day: '2026-11-22', passed: 1, failed: 5, total: 6, passRate: 1 / 6 },
        { day: '2026-11-23', passed: 2, failed: 4, total: 6, passRate: 2 / 6 },
      ],
    }),
    getEntity: async () => entityView,
    getEntityHistory: async () => history,
    evaluate: async () => silverView,
    listExemptions: async () => [exemption],
    listExemptionPage: async ({ limit, offset }) => ({
      items: [exemption],
      total: 1,
      limit,
      offset,
      nextOffset: null,
    }),
    requestExemption: async request => ({
      ...exemption,
      ...request,
      id: 'ex-2',
    }),
    approveExemption: async () => ({
      ...exemption,
      status: 'approved' as const,
      active: true,
    }),
    denyExemption: async () => ({ ...exemption, status: 'denied' as const }),
    revokeExemption: async () => ({ ...exemption, status: 'revoked' as const }),
    ...campaignApiDefaults,
    ...overrides,
  };
  const api: Record<string, unknown> = {};
  for (const [key, fn] of Object.entries(impl)) {
    api[key] = jest.fn(fn as (...args: unknown[]) => unknown);
  }
  return api as unknown as jest.Mocked<MaturityApi>;
}

/** An error like the client throws for an HTTP status. */
export function httpError(statusCode: number, message = 'failed'): Error {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    statusCode,
    statusText: message,
    response: { status: statusCode, statusText: message, url: '', headers: {} },
    body: { error: { name: 'Error', message }, response: { statusCode } },
    cause: new Error(message),
  });
}
