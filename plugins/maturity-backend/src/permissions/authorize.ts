import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Throws NotAllowedError unless the caller holds a resource permission on one catalog entity. */
export async function authorizeEntity(
  permissions: PermissionsService,
  permission: ResourcePermission,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} on ${entityRef}`,
    );
  }
}

/** Throws NotAllowedError unless the caller holds a basic permission. */
export async function authorizeBasic(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}

/**
 * The entities (of those given) on which the caller holds a resource permission. A definitive policy
 * answer for every entity is taken at once; only a conditional one costs a decision per entity (the
 * permission framework resolves catalog conditions with the catalog).
 */
export async function authorizedEntities(
  permissions: PermissionsService,
  permission: ResourcePermission,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  const refs = [...new Set(entityRefs)];
  if (refs.length === 0) return new Set();
  const [overall] = await permissions.authorizeConditional([{ permission }], {
    credentials,
  });
  if (overall.result === AuthorizeResult.ALLOW) return new Set(refs);
  if (overall.result === AuthorizeResult.DENY) return new Set();
  const decisions = await permissions.authorize(
    refs.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  return new Set(
    refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}

/** Throws NotAllowedError when the caller's policy denies a resource permission on every entity. */
export async function authorizeAnyEntity(
  permissions: PermissionsService,
  permission: ResourcePermission,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorizeConditional([{ permission }], {
    credentials,
  });
  if (decision.result === AuthorizeResult.DENY) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
}
