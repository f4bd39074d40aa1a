import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  maturityEvaluatePermission,
  maturityExemptionApprovePermission,
  maturityFactsPushPermission,
} from '@ratchet/backstage-plugin-maturity-common';
import {
  authorizeAnyEntity,
  authorizeBasic,
  authorizedEntities,
  authorizeEntity,
} from './authorize';

const credentials = mockCredentials.user();
const A = 'component:default/a';
const B = 'component:default/b';

function permissions(overall: AuthorizeResult, allowed: string[] = []) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          overall === AuthorizeResult.ALLOW ||
          ('resourceRef' in r &&
            r.resourceRef &&
            allowed.includes(r.resourceRef))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    authorizeConditional: async requests =>
      requests.map(() =>
        overall === AuthorizeResult.CONDITIONAL
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
          : { result: overall as AuthorizeResult.ALLOW | AuthorizeResult.DENY },
      ),
  });
}

describe('authorize helpers', () => {
  it('throws NotAllowedError naming the permission when denied', async () => {
    await expect(
      authorizeEntity(
        permissions(AuthorizeResult.DENY),
        maturityEvaluatePermission,
        A,
        credentials,
      ),
    ).rejects.toThrow('Not allowed: maturity.evaluate on component:default/a');
    await expect(
      authorizeBasic(
        permissions(AuthorizeResult.DENY),
        maturityFactsPushPermission,
        credentials,
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      authorizeEntity(
        permissions(AuthorizeResult.ALLOW),
        maturityEvaluatePermission,
        A,
        credentials,
      ),
    ).resolves.toBeUndefined();
  });

  it('filters entities: all, none, or per entity under a conditional policy', async () => {
    const refs = [A, B, A];
    const approve = maturityExemptionApprovePermission;
    expect(
      await authorizedEntities(
        permissions(AuthorizeResult.ALLOW),
        approve,
        refs,
        credentials,
      ),
    ).toEqual(new Set([A, B]));
    expect(
      await authorizedEntities(
        permissions(AuthorizeResult.DENY),
        approve,
        refs,
        credentials,
      ),
    ).toEqual(new Set());
    const conditional = permissions(AuthorizeResult.CONDITIONAL, [B]);
    expect(
      await authorizedEntities(conditional, approve, refs, credentials),
    ).toEqual(new Set([B]));
    expect(conditional.authorize).toHaveBeenCalledTimes(1);
    await expect(
      authorizeAnyEntity(
        permissions(AuthorizeResult.DENY),
        approve,
        credentials,
      ),
    ).rejects.toThrow('Not allowed: maturity.exemption.approve');
    await expect(
      authorizeAnyEntity(conditional, approve, credentials),
    ).resolves.toBeUndefined();
  });
});
