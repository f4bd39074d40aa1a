import { createPermission } from '@backstage/plugin-permission-common';

/** The catalog's resource type: exemption and evaluation permissions are decided per entity. */
const CATALOG_ENTITY = 'catalog-entity';

/** Request an exemption of a check for an entity (typically granted to the entity's owners). */
export const maturityExemptionRequestPermission = createPermission({
  name: 'maturity.exemption.request',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** Approve, deny or revoke an exemption of a check for an entity (typically the scorecard's owners). */
export const maturityExemptionApprovePermission = createPermission({
  name: 'maturity.exemption.approve',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Re-evaluate an entity on demand. */
export const maturityEvaluatePermission = createPermission({
  name: 'maturity.evaluate',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Push facts from CI pipelines and other systems. */
export const maturityFactsPushPermission = createPermission({
  name: 'maturity.facts.push',
  attributes: { action: 'create' },
});

/** Every permission of the maturity plugin, for registration with the permission framework. */
export const maturityPermissions = [
  maturityExemptionRequestPermission,
  maturityExemptionApprovePermission,
  maturityEvaluatePermission,
  maturityFactsPushPermission,
];
