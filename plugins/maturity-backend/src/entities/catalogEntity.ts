import type { Entity } from '@backstage/catalog-model';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';

/**
 * The entity shape entity filters need, rebuilt from an entity's `catalog` facts (kind, metadata, spec):
 * evaluation and the fact intake both decide what applies to an entity without asking the catalog again.
 */
export function entityFromFacts(
  facts: EntityFacts | undefined,
): Entity | undefined {
  const catalog = facts?.catalog;
  if (!catalog || typeof catalog.kind !== 'string') return undefined;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: catalog.kind,
    metadata: catalog.metadata as unknown as Entity['metadata'],
    spec: (catalog.spec ?? {}) as Entity['spec'],
  };
}
