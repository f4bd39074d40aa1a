import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  catalogApiRef,
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { maturityApiRef } from '../api';
import type { MaturityApi } from '../api';
import { campaignsRouteRef, rootRouteRef } from '../routes';
import { ALLOW, Decision, permissionApi } from './fixtures';

type CatalogApi = typeof catalogApiRef.T;

/** The toasts the rendered components posted. */
export const toastApi = { post: jest.fn(() => ({ close: () => {} })) };

/** A catalog API double with the two calls the plugin makes. */
export function mockCatalogApi(
  overrides: Partial<CatalogApi> = {},
): Partial<CatalogApi> {
  return {
    queryEntities: jest.fn(async () => ({
      items: [],
      totalItems: 0,
      pageInfo: {},
    })),
    getEntityFacets: jest.fn(async () => ({
      facets: {
        'relations.ownedBy': [
          { value: 'group:default/payments', count: 3 },
          { value: 'group:default/ledger', count: 2 },
        ],
        'spec.system': [{ value: 'payments', count: 3 }],
        'spec.lifecycle': [{ value: 'production', count: 5 }],
        kind: [{ value: 'API', count: 5 }],
      },
    })),
    ...overrides,
  };
}

/**
 * Renders an element in a test app with the maturity, permission and catalog APIs (and an entity), the
 * maturity and campaigns pages mounted.
 */
export function renderMaturity(
  element: ReactElement,
  options: {
    api: MaturityApi;
    permission?: Decision | ((permission: string) => Decision);
    catalogApi?: Partial<CatalogApi>;
    entity?: Entity;
    routeEntries?: string[];
  },
) {
  const decide = options.permission ?? ALLOW;
  const permission =
    typeof decide === 'function'
      ? {
          authorize: async (request: { permission: { name: string } }) => ({
            result: decide(request.permission.name),
          }),
        }
      : permissionApi(decide);
  return renderInTestApp(
    // A cache of its own per render: usePermission caches decisions in SWR's global cache, so a test
    // denying a permission could otherwise see the decision an earlier test allowed for the same entity.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [maturityApiRef, options.api],
          [permissionApiRef, permission as ReturnType<typeof permissionApi>],
          [catalogApiRef, options.catalogApi ?? mockCatalogApi()],
          [toastApiRef, toastApi],
          [
            identityApiRef,
            mockApis.identity({ userEntityRef: 'user:default/guest' }),
          ],
        ]}
      >
        {options.entity ? (
          <EntityProvider entity={options.entity}>{element}</EntityProvider>
        ) : (
          element
        )}
      </TestApiProvider>
    </SWRConfig>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/maturity': rootRouteRef,
        '/campaigns': campaignsRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
