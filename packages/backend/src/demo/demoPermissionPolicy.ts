/*
 * Demo only: the permission policy of the demo portal. Everything is allowed except the two readiness
 * permissions, which show the real split: the entity's owners answer (IS_ENTITY_OWNER), members of the
 * checklist's reviewers group review (IS_CHECKLIST_REVIEWER). Both are conditions the maturity plugin
 * applies to catalog entities.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createReadinessConditionalDecision,
  readinessConditions,
} from '@ratchet/backstage-plugin-maturity-backend';

/** Allow-all, except readiness answers (owners) and reviews (the checklist's reviewers). */
export class DemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    const { permission } = request;
    if (!isResourcePermission(permission, 'catalog-entity')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (permission.name === 'maturity.readiness.answer') {
      return createReadinessConditionalDecision(
        permission,
        readinessConditions.isEntityOwner({ claims }),
      );
    }
    if (permission.name === 'maturity.readiness.review') {
      return createReadinessConditionalDecision(
        permission,
        readinessConditions.isChecklistReviewer({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs the demo policy in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'ratchet-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DemoPermissionPolicy());
      },
    });
  },
});
