import type { Entity } from '@backstage/catalog-model';

/** A user who cannot see some entities. */
export const OUTSIDER = 'user:default/outsider';

/** Refs (lowercased) the outsider cannot see. */
export const HIDDEN_FROM_OUTSIDER = new Set([
  'component:default/secret-service',
]);

/** The scorecard under test. */
export const SCORECARD = 'scorecard:default/test-maturity';
/** The campaign under test. */
export const CAMPAIGN = 'campaign:default/docs-drive';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const component = (
  name: string,
  spec: Record<string, string>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { lifecycle: 'production', ...spec },
});

const DOCS = { 'backstage.io/techdocs-ref': 'dir:.' };

/**
 * Five rated components (payment-gateway reaches silver; ledger bronze; website none; secret-service
 * silver but hidden from the outsider; orphan none), one library the scorecard does not rate, two
 * teams, a system in a domain, the scorecard and a campaign.
 */
export const ESTATE: Entity[] = [
  group('payments'),
  group('platform'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'payments', domain: 'commerce' },
  },
  component(
    'payment-gateway',
    { type: 'service', owner: 'payments', system: 'checkout' },
    DOCS,
  ),
  component('ledger', {
    type: 'service',
    owner: 'payments',
    system: 'checkout',
  }),
  component('website', { type: 'website', owner: 'nobody' }, DOCS),
  component(
    'secret-service',
    { type: 'service', owner: 'platform', system: 'checkout' },
    DOCS,
  ),
  component('orphan', { type: 'service', owner: 'group:default/ghosts' }),
  component('utils', { type: 'library', owner: 'platform' }),
  {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: {
      name: 'test-maturity',
      namespace: 'default',
      title: 'Test Maturity',
      description: 'A small scorecard for the API tests',
    },
    spec: {
      owner: 'group:default/platform',
      appliesTo: { kind: 'Component', type: ['service', 'website'] },
      levels: [
        { id: 'bronze', title: 'Bronze' },
        { id: 'silver', title: 'Silver' },
        { id: 'gold', title: 'Gold' },
      ],
      categories: [
        { id: 'ownership', title: 'Ownership' },
        { id: 'docs', title: 'Documentation' },
        { id: 'quality', title: 'Quality' },
      ],
      checks: [
        {
          id: 'has-owner',
          title: 'Owned by an existing team',
          level: 'bronze',
          category: 'ownership',
          rule: {
            all: [
              { fact: 'catalog.owner.exists', operator: 'equal', value: true },
              { fact: 'catalog.owner.kind', operator: 'equal', value: 'Group' },
            ],
          },
          remediation: 'Set spec.owner to an existing Group',
        },
        {
          id: 'has-docs',
          title: 'Has TechDocs',
          level: 'silver',
          category: 'docs',
          rule: { fact: 'catalog.hasDocs', operator: 'equal', value: true },
          remediation: 'Add the backstage.io/techdocs-ref annotation',
          messages: { fail: 'No TechDocs annotation' },
        },
        {
          id: 'has-system',
          title: 'Part of a system',
          level: 'silver',
          category: 'ownership',
          rule: {
            any: [
              { fact: 'catalog.system', operator: 'exists' },
              {
                not: {
                  fact: 'catalog.spec.type',
                  operator: 'equal',
                  value: 'service',
                },
              },
            ],
          },
        },
        {
          id: 'coverage',
          title: 'Test coverage of at least 80 %',
          level: 'gold',
          category: 'quality',
          rule: {
            fact: 'ci.coverage',
            operator: 'greaterThanInclusive',
            value: 80,
          },
          remediation: 'Push coverage from CI and raise it to 80 %',
        },
      ],
    },
  },
  {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Campaign',
    metadata: { name: 'docs-drive', namespace: 'default', title: 'Docs drive' },
    spec: {
      owner: 'group:default/platform',
      brief: 'Everyone gets TechDocs',
      targets: { kind: 'Component', type: 'service' },
      checks: [{ ref: { scorecard: 'test-maturity', check: 'has-docs' } }],
      startDate: '2026-01-01',
      dueDate: '2099-12-31',
    },
  },
];
