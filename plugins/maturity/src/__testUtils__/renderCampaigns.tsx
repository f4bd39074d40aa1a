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
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { maturityApiRef } from '../api';
import type { MaturityApi } from '../api';
import { campaignsRouteRef, rootRouteRef } from '../routes';
import { ALLOW, Decision } from './fixtures';
import { mockCatalogApi, toastApi } from './render';

/** Renders a campaigns component with the campaigns and maturity pages mounted; `permission` per name. */
export function renderCampaigns(
  element: ReactElement,
  options: {
    api: MaturityApi;
    permission?: (permission: string) => Decision;
    entity?: Entity;
    routeEntries?: string[];
    path?: string;
  },
) {
  const decide = options.permission ?? (() => ALLOW);
  const authorize = jest.fn(
    async (request: {
      permission: { name: string };
      resourceRef?: string;
    }) => ({
      result: decide(request.permission.name),
    }),
  );
  const permission = { authorize } as unknown as typeof permissionApiRef.T;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [maturityApiRef, options.api],
        [permissionApiRef, permission],
        [catalogApiRef, mockCatalogApi()],
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
    </TestApiProvider>,
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
