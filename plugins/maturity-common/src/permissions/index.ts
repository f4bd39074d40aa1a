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

/** Remind a campaign's owners with failing targets now (decided on the Campaign entity; its owner). */
export const maturityCampaignNudgePermission = createPermission({
  name: 'maturity.campaign.nudge',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** End a campaign early with a reason (decided on the Campaign entity; its owner). */
export const maturityCampaignEndPermission = createPermission({
  name: 'maturity.campaign.end',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Answer readiness items, set the launch date, move phases and request reviews (the entity's owners). */
export const maturityReadinessAnswerPermission = createPermission({
  name: 'maturity.readiness.answer',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Approve, request changes on or veto a readiness review (members of the checklist's reviewers group). */
export const maturityReadinessReviewPermission = createPermission({
  name: 'maturity.readiness.review',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Every permission of the maturity plugin, for registration with the permission framework. */
export const maturityPermissions = [
  maturityExemptionRequestPermission,
  maturityExemptionApprovePermission,
  maturityEvaluatePermission,
  maturityFactsPushPermission,
  maturityReadinessAnswerPermission,
  maturityReadinessReviewPermission,
  maturityCampaignNudgePermission,
  maturityCampaignEndPermission,
];
