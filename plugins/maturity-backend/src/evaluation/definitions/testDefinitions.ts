import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/** A small Scorecard for tests: bronze needs an owner, silver a repo and a low error rate. */
export const testScorecard: Entity = {
  apiVersion: 'ratchet.dev/v1alpha1',
  kind: 'Scorecard',
  metadata: { name: 'basics', namespace: 'default', title: 'Basics' },
  spec: {
    owner: 'group:default/platform',
    appliesTo: { kind: 'Component' },
    levels: [
      { id: 'bronze', title: 'Bronze' },
      { id: 'silver', title: 'Silver' },
    ],
    categories: [
      { id: 'ownership', title: 'Ownership' },
      { id: 'reliability', title: 'Reliability' },
    ],
    checks: [
      {
        id: 'has-owner',
        title: 'Has an owner',
        level: 'bronze',
        category: 'ownership',
        rule: { fact: 'catalog.owner.exists', operator: 'equal', value: true },
      },
      {
        id: 'has-repo',
        title: 'Has a repository',
        level: 'silver',
        category: 'ownership',
        rule: { fact: 'catalog.hasRepo', operator: 'equal', value: true },
      },
      {
        id: 'error-rate',
        title: 'Error rate below 1%',
        level: 'silver',
        category: 'reliability',
        appliesTo: { lifecycle: 'production' },
        rule: { fact: 'pushed.errorRate', operator: 'lessThan', value: 0.01 },
      },
    ],
  } as unknown as JsonObject,
};

/** Catalog facts as the catalog source derives them, for a Component. */
export function componentFacts(
  name: string,
  options: { owner?: boolean; repo?: boolean; lifecycle?: string } = {},
): JsonObject {
  return {
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: options.lifecycle ?? 'production',
      owner: 'group:default/team-a',
    },
    owner:
      options.owner === false
        ? { exists: false }
        : { exists: true, ref: 'group:default/team-a', kind: 'Group' },
    hasRepo: options.repo ?? true,
    hasDocs: false,
  };
}
