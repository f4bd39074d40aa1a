import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  maturityReadinessAnswerPermission,
  maturityReadinessReviewPermission,
} from '@ratchet/backstage-plugin-maturity-common';
import express from 'express';
import { databases } from '../../__testUtils__/fixture';
import { applyDatabaseMigrations } from '../../database/migrations';
import { builtInFactSources, composeMaturity } from '../../plugin';
import {
  createReadinessConditionalDecision,
  readinessConditions,
} from '../permissionRules';
import { testChecklistEntity } from './testChecklist';

/** The users of the readiness route tests and the groups they belong to. */
export const USERS = {
  owner: 'user:default/olivia',
  rita: 'user:default/rita',
  ravi: 'user:default/ravi',
  outsider: 'user:default/sam',
} as const;

const GROUPS: Record<string, string[]> = {
  [USERS.owner]: ['group:default/team-a'],
  [USERS.rita]: ['group:default/architects'],
  [USERS.ravi]: ['group:default/architects'],
  [USERS.outsider]: ['group:default/team-b'],
};

/** Authorization headers per user. */
export const as = Object.fromEntries(
  Object.entries(USERS).map(([k, ref]) => [
    k,
    mockCredentials.user.header(ref),
  ]),
) as Record<keyof typeof USERS, string>;

const claimsOf = (credentials: BackstageCredentials) => {
  const ref =
    (credentials.principal as { userEntityRef?: string }).userEntityRef ?? '';
  return [ref, ...(GROUPS[ref] ?? [])];
};

const SCORECARD: Entity = {
  apiVersion: 'ratchet.dev/v1alpha1',
  kind: 'Scorecard',
  metadata: { name: 'readiness-test', namespace: 'default' },
  spec: {
    owner: 'group:default/architects',
    levels: [{ id: 'gold', title: 'Gold' }],
    categories: [{ id: 'readiness', title: 'Readiness' }],
    checks: [
      {
        id: 'has-docs',
        title: 'Has docs',
        level: 'gold',
        category: 'readiness',
        rule: { fact: 'catalog.hasDocs', operator: 'equal', value: true },
      },
      {
        id: 'ha-attested',
        title: 'HA plan attested',
        level: 'gold',
        category: 'readiness',
        rule: {
          fact: 'attestation.checklists.checklist:default/launch.items.ha-plan.answer',
          operator: 'equal',
          value: 'yes',
        },
      },
      {
        id: 'signed-off',
        title: 'Signed off for production within 12 months',
        level: 'gold',
        category: 'readiness',
        rule: {
          all: [
            {
              fact: 'attestation.checklists.checklist:default/launch.reviews.ready-for-production.decision',
              operator: 'equal',
              value: 'approved',
            },
            {
              fact: 'attestation.checklists.checklist:default/launch.reviews.ready-for-production.approvedDaysAgo',
              operator: 'lessThanInclusive',
              value: 365,
            },
          ],
        },
      },
    ],
  },
};

/** The payments service (owned by team-a, with docs), its checklist (reviewers: architects) and a scorecard. */
export function readinessEstate(): Entity[] {
  const checklist = testChecklistEntity();
  checklist.spec.areas[1].items[0].answeredBy = {
    scorecard: 'readiness-test',
    check: 'has-docs',
  };
  return [
    checklist,
    SCORECARD,
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments',
        namespace: 'default',
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'team-a' },
    },
  ];
}

/** The maturity plugin with a policy like the demo's: owners answer, the checklist's reviewers review. */
export async function createReadinessFixture(
  databaseId: Parameters<typeof databases.init>[0],
  options: { clockStart?: Date } = {},
) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  let now = options.clockStart ?? new Date('2026-12-01T09:00:00.000Z');
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(({ permission }) => {
        if (permission.name === maturityReadinessAnswerPermission.name) {
          return createReadinessConditionalDecision(
            maturityReadinessAnswerPermission,
            readinessConditions.isEntityOwner({
              claims: claimsOf(credentials),
            }),
          );
        }
        if (permission.name === maturityReadinessReviewPermission.name) {
          return createReadinessConditionalDecision(
            maturityReadinessReviewPermission,
            readinessConditions.isChecklistReviewer({
              claims: claimsOf(credentials),
            }),
          );
        }
        return { result: AuthorizeResult.ALLOW };
      }),
  });
  const catalog = catalogServiceMock({ entities: readinessEstate() });
  const auth = mockServices.auth();
  const services = await composeMaturity({
    db: knex,
    logger: mockServices.logger.mock(),
    auth,
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog,
    userInfo: {
      getUserInfo: async credentials => ({
        userEntityRef: claimsOf(credentials)[0],
        ownershipEntityRefs: claimsOf(credentials),
      }),
    },
    sources: builtInFactSources({
      config: new ConfigReader({}),
      catalog,
      auth,
    }),
    now: clock.now,
  });
  await services.collector.collect('catalog');
  const app = express().use(services.router).use(mockErrorHandler());
  return { app, knex, clock, services };
}
