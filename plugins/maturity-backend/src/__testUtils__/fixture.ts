import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import express from 'express';
import { applyDatabaseMigrations } from '../database/migrations';
import { composeMaturity } from '../plugin';
import { readPushSourceAccess } from '../permissions/pushSources';
import { PushedFactSource } from '../facts/push/PushedFactSource';
import { CatalogFactSource } from '../facts/sources/catalog/CatalogFactSource';
import { ESTATE, HIDDEN_FROM_OUTSIDER, OUTSIDER } from './estate';

/** The engines every router test runs on. */
export const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  // PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container.
  disableDocker: true,
});

/** A push-only source with a strict schema, as a module would register. */
export const CI_SOURCE: FactSource = {
  id: 'ci',
  mode: 'push',
  title: 'CI pipeline',
  schema: {
    type: 'object',
    properties: {
      coverage: { type: 'number', minimum: 0, maximum: 100 },
      branch: { type: 'string' },
      tests: { type: 'object', properties: { passed: { type: 'integer' } } },
    },
    required: ['coverage'],
    additionalProperties: false,
  },
};

/** Headers for callers the tests use. */
export const callers = {
  user: mockCredentials.user.header('user:default/alice'),
  approver: mockCredentials.user.header('user:default/bob'),
  outsider: mockCredentials.user.header(OUTSIDER),
  service: mockCredentials.service.header(),
  none: mockCredentials.none.header(),
};

/** Decisions the permission mock gives, changeable per test. */
export type Decision =
  | AuthorizeResult.ALLOW
  | AuthorizeResult.DENY
  | AuthorizeResult.CONDITIONAL;

function visibleTo(
  credentials: BackstageCredentials | undefined,
  ref: string,
): boolean {
  const principal = credentials?.principal as
    | { userEntityRef?: string }
    | undefined;
  return !(
    principal?.userEntityRef === OUTSIDER &&
    HIDDEN_FROM_OUTSIDER.has(ref.toLocaleLowerCase())
  );
}

/** The in-memory catalog, hiding some entities from one user the way a permission policy would. */
export function visibilityCatalog(entities: Entity[]) {
  const base = catalogServiceMock({ entities });
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, options) => {
      const entity = await base.getEntityByRef(ref, options);
      const credentials = (
        options as { credentials?: BackstageCredentials } | undefined
      )?.credentials;
      return entity && visibleTo(credentials, stringifyEntityRef(entity))
        ? entity
        : undefined;
    },
    getEntitiesByRefs: async (request, options) => {
      const credentials = (
        options as { credentials?: BackstageCredentials } | undefined
      )?.credentials;
      const { items } = await base.getEntitiesByRefs(request, options);
      return {
        items: items.map((e, i) =>
          e && visibleTo(credentials, request.entityRefs[i]) ? e : undefined,
        ),
      };
    },
    getEntities: (request, options) => base.getEntities(request, options),
    queryEntities: (request, options) => base.queryEntities(request, options),
    streamEntities: (request, options) => base.streamEntities(request, options),
  });
}

/** Everything a router test needs, on one engine, with the estate collected and evaluated. */
export async function createFixture(
  databaseId: Parameters<typeof databases.init>[0],
  options: {
    entities?: Entity[];
    config?: JsonObject;
    clockStart?: Date;
    refreshDefinitions?: () => Promise<void>;
  } = {},
) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  let now = options.clockStart ?? new Date();
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  let decision: Decision = AuthorizeResult.ALLOW;
  let conditionallyAllowed = new Set<string>();
  const permissions = mockServices.permissions.mock({
    // Under a conditional policy only the entities in `conditionallyAllowed` pass.
    authorize: async requests =>
      requests.map(r => {
        if (decision === AuthorizeResult.CONDITIONAL) {
          const ref = 'resourceRef' in r ? r.resourceRef : undefined;
          return {
            result:
              ref && conditionallyAllowed.has(ref)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }
        return { result: decision };
      }),
    authorizeConditional: async requests =>
      requests.map(() =>
        decision === AuthorizeResult.CONDITIONAL
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: {},
              },
            }
          : {
              result: decision as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
            },
      ),
  });
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth();
  const catalog = visibilityCatalog(options.entities ?? ESTATE);
  const services = await composeMaturity({
    db: knex,
    logger,
    auth,
    httpAuth: mockServices.httpAuth(),
    permissions,
    catalog,
    sources: [
      CatalogFactSource.create({ catalog, auth }),
      PushedFactSource.fromConfig(new ConfigReader(options.config ?? {})),
      CI_SOURCE,
    ],
    pushAccess: readPushSourceAccess(new ConfigReader(options.config ?? {})),
    refreshDefinitions: options.refreshDefinitions,
    now: clock.now,
  });
  await services.collector.collect('catalog');

  const app = express().use(services.router).use(mockErrorHandler());
  return {
    app,
    knex,
    clock,
    services,
    permissions,
    /** Makes every permission decision from now on allow, deny or be conditional. */
    setDecision(next: Decision, allowedUnderCondition: string[] = []) {
      decision = next;
      conditionallyAllowed = new Set(allowedUnderCondition);
    },
  };
}
