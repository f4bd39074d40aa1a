import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/*
 * Readiness permissions are decided per catalog entity, with rules the maturity plugin applies itself:
 * the entity's owners answer (IS_ENTITY_OWNER), members of its checklist's reviewers group review
 * (IS_CHECKLIST_REVIEWER). A policy returns `readinessConditions.…` in a conditional decision; the
 * routes apply it here, and the permission backend can apply it through the plugin's registry too.
 */

/** A catalog entity with the reviewers group of the checklist it follows. */
export interface ReadinessResource {
  entity: Entity;
  /** Full group ref; absent when no checklist applies. */
  reviewersGroup?: string;
}

/** Query form of the rules (the plugin filters in memory, so only the claims travel). */
export type ReadinessQuery = { owners?: string[]; reviewers?: string[] };

/** The catalog-entity resource type as the maturity plugin resolves its readiness conditions. */
export const readinessResourceRef = createPermissionResourceRef<
  ReadinessResource,
  ReadinessQuery
>().with({ pluginId: 'maturity', resourceType: 'catalog-entity' });

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe('Ownership claims of the user: their user ref and group refs'),
});

/** The owners of an entity: its ownedBy relations, else its spec.owner. */
export function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length > 0) return related;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string') return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    ];
  } catch {
    return [];
  }
}

const lowerSet = (refs: readonly string[]) =>
  new Set(refs.map(r => r.toLocaleLowerCase('en-US')));

/** Allows the entity's owners (a user among the claims, or one of their groups). */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: 'Allow users who own the entity (directly or through a group)',
  resourceRef: readinessResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => {
    const mine = lowerSet(claims);
    return ownersOf(resource.entity).some(o =>
      mine.has(o.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({ owners: claims }),
});

/** Allows members of the reviewers group of the checklist the entity follows. */
export const isChecklistReviewer = createPermissionRule({
  name: 'IS_CHECKLIST_REVIEWER',
  description:
    "Allow members of the reviewers group of the entity's readiness checklist",
  resourceRef: readinessResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) =>
    resource.reviewersGroup !== undefined &&
    lowerSet(claims).has(resource.reviewersGroup.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({ reviewers: claims }),
});

/** The readiness rules, for the plugin's permission registry. */
export const readinessRules = { isEntityOwner, isChecklistReviewer };

const exported = createConditionExports({
  resourceRef: readinessResourceRef,
  rules: readinessRules,
});

/** Conditions for a permission policy, e.g. `readinessConditions.isEntityOwner({ claims })`. */
export const readinessConditions = exported.conditions;

/** A conditional decision on a readiness permission, for a permission policy. */
export const createReadinessConditionalDecision =
  exported.createConditionalDecision;

const applyConditions = createConditionAuthorizer(
  Object.values(readinessRules),
);

/**
 * Whether the caller holds a readiness permission on a resource. Conditions on the readiness rules are
 * applied here; any other conditional decision (e.g. the catalog's rules) goes back to the permission
 * framework by entity ref.
 */
export async function holdsReadinessPermission(
  permissions: PermissionsService,
  permission: ResourcePermission,
  resource: ReadinessResource,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorizeConditional([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  if (
    decision.pluginId === readinessResourceRef.pluginId &&
    decision.resourceType === readinessResourceRef.resourceType
  ) {
    return applyConditions(decision, resource);
  }
  const [byRef] = await permissions.authorize(
    [{ permission, resourceRef: stringifyEntityRef(resource.entity) }],
    { credentials },
  );
  return byRef.result === AuthorizeResult.ALLOW;
}
