import type { Entity } from '@backstage/catalog-model';
import {
  apiSpecVersion,
  buildCatalogIndex,
  deriveCatalogFacts,
} from './deriveCatalogFacts';

const group = (name: string, members: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});

const component = (
  name: string,
  spec: Record<string, string>,
  extra: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...extra },
  spec: { type: 'service', ...spec },
  relations: spec.owner
    ? [
        {
          type: 'ownedBy',
          targetRef: spec.owner.includes(':')
            ? spec.owner
            : `group:default/${spec.owner}`,
        },
      ]
    : [],
});

describe('deriveCatalogFacts', () => {
  const payments = group('payments', ['ana', 'ben', 'cy']);
  const svc = component(
    'payment-gateway',
    { owner: 'payments', lifecycle: 'production', system: 'payments' },
    {
      tags: ['go', 'pii', 'pci'],
      annotations: {
        'github.com/project-slug': 'acme/payment-gateway',
        'backstage.io/techdocs-ref': 'dir:.',
      },
    },
  );
  const orphan = component(
    'orphan',
    { owner: 'group:default/unassigned', lifecycle: 'deprecated' },
    {
      annotations: { 'backstage.io/source-location': 'file:/tmp/x' },
    },
  );
  const old = component('old', { owner: 'payments', lifecycle: 'deprecated' });
  const index = buildCatalogIndex([payments, svc, orphan, old]);

  it('resolves an existing owner to its kind and full ref', () => {
    expect(deriveCatalogFacts(svc, index)).toMatchObject({
      owner: { exists: true, ref: 'group:default/payments', kind: 'Group' },
      system: 'system:default/payments',
      hasRepo: true,
      hasDocs: true,
      dataClassification: 'pci',
    });
  });

  it('reports a dangling owner and missing repo and docs as false, not absent', () => {
    const facts = deriveCatalogFacts(orphan, index);
    expect(facts.owner).toEqual({ exists: false });
    expect(facts.hasRepo).toBe(false);
    expect(facts.hasDocs).toBe(false);
    expect(facts).not.toHaveProperty('system');
    expect(facts).not.toHaveProperty('dataClassification');
  });

  it('counts group members and deprecated components owned', () => {
    expect(deriveCatalogFacts(payments, index)).toMatchObject({
      members: { count: 3 },
      ownedComponents: { deprecated: 1 },
    });
  });

  it('counts production consumers of an API and reads its spec version', () => {
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'payments-api', namespace: 'default' },
      spec: {
        type: 'openapi',
        owner: 'payments',
        lifecycle: 'production',
        definition: 'openapi: "3.0"\ninfo: {}',
      },
      relations: [
        {
          type: 'apiConsumedBy',
          targetRef: 'component:default/payment-gateway',
        },
        { type: 'apiConsumedBy', targetRef: 'component:default/old' },
      ],
    };
    expect(
      deriveCatalogFacts(api, buildCatalogIndex([payments, svc, old, api])),
    ).toMatchObject({
      api: { productionConsumers: 1, specVersion: '3.0.0' },
    });
  });

  it.each([
    ['openapi: 3.1.0', '3.1.0'],
    ['swagger: "2.0"', '2.0.0'],
    ['asyncapi: 2.6.0', '2.6.0'],
    ['syntax = "proto3";', undefined],
  ])('reads the spec version of %s', (definition, expected) => {
    expect(apiSpecVersion(definition)).toBe(expected);
  });
});
