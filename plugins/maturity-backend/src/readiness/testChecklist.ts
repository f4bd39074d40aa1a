import type { ChecklistEntityV1alpha1 } from '@ratchet/backstage-plugin-maturity-common';

/** A small Checklist for tests: three phases, two areas, one automatic and one expiring item. */
export function testChecklistEntity(
  overrides: Partial<ChecklistEntityV1alpha1['spec']> = {},
): ChecklistEntityV1alpha1 {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Checklist',
    metadata: {
      name: 'launch',
      namespace: 'default',
      title: 'Launch readiness',
    },
    spec: {
      owner: 'group:default/platform',
      phases: [
        { id: 'playground', title: 'Playground' },
        { id: 'green-light', title: 'Green light' },
        {
          id: 'ready-for-production',
          title: 'Ready for production',
          signOffRequired: true,
        },
      ],
      areas: [
        {
          id: 'reliability',
          title: 'Reliability',
          items: [
            {
              id: 'ha-plan',
              prompt: 'How do you implement HA?',
              requiredFor: 'green-light',
            },
            {
              id: 'runbook',
              prompt: 'Is there a runbook?',
              requiredFor: 'ready-for-production',
              evidenceRequired: true,
              reattestEvery: 'P90D',
            },
          ],
        },
        {
          id: 'ci-cd',
          title: 'CI/CD',
          items: [
            {
              id: 'has-ci',
              prompt: 'Does CI run on every change?',
              requiredFor: 'ready-for-production',
              answeredBy: { scorecard: 'service-maturity', check: 'has-ci' },
            },
          ],
        },
      ],
      reviewers: { group: 'architects', requiredApprovals: 2 },
      ...overrides,
    },
  };
}
