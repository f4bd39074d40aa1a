import type { Entity } from '@backstage/catalog-model';
import type { EntityFilter } from '@ratchet/backstage-plugin-maturity-common';
import { compileEntityFilter } from './entityFilter';

function component(
  spec: Record<string, string>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', ...metadata },
    spec,
  };
}

const api = component(
  {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments',
    system: 'checkout',
  },
  {
    tags: ['java', 'pci'],
    annotations: {
      'backstage.io/techdocs-ref': 'dir:.',
      'pagerduty.com/service-id': 'P123',
    },
  },
);

function matches(filter: EntityFilter | undefined, entity: Entity = api) {
  return compileEntityFilter(filter)(entity);
}

describe('compileEntityFilter', () => {
  it('matches everything without a filter or with an empty one', () => {
    expect(matches(undefined)).toBe(true);
    expect(matches({})).toBe(true);
  });

  it('matches kind case-insensitively, one or many', () => {
    expect(matches({ kind: 'component' })).toBe(true);
    expect(matches({ kind: ['API', 'COMPONENT'] })).toBe(true);
    expect(matches({ kind: 'API' })).toBe(false);
  });

  it('matches spec.type and spec.lifecycle', () => {
    expect(matches({ type: 'Service' })).toBe(true);
    expect(matches({ type: ['website', 'library'] })).toBe(false);
    expect(matches({ lifecycle: ['experimental', 'PRODUCTION'] })).toBe(true);
    expect(matches({ lifecycle: 'experimental' })).toBe(false);
    expect(matches({ type: 'service' }, component({}))).toBe(false);
  });

  it('matches when the entity has any of the tags', () => {
    expect(matches({ tags: 'PCI' })).toBe(true);
    expect(matches({ tags: ['python', 'java'] })).toBe(true);
    expect(matches({ tags: 'python' })).toBe(false);
    expect(matches({ tags: 'java' }, component({}))).toBe(false);
  });

  it('matches the owner by short name or full ref', () => {
    expect(matches({ owner: 'payments' })).toBe(true);
    expect(matches({ owner: 'Payments' })).toBe(true);
    expect(matches({ owner: 'group:default/payments' })).toBe(true);
    expect(matches({ owner: 'Group:Default/Payments' })).toBe(true);
    expect(matches({ owner: 'default/payments' })).toBe(true);
    expect(matches({ owner: 'group:payments' })).toBe(true);
    expect(matches({ owner: 'user:default/payments' })).toBe(false);
    expect(matches({ owner: 'group:other/payments' })).toBe(false);
    expect(matches({ owner: ['search', 'group:default/payments'] })).toBe(true);
    expect(matches({ owner: 'search' })).toBe(false);
  });

  it('normalises the entity owner as the catalog does', () => {
    const fullOwner = component({ owner: 'group:default/payments' });
    expect(matches({ owner: 'payments' }, fullOwner)).toBe(true);
    const userOwner = component({ owner: 'user:jdoe' });
    expect(matches({ owner: 'user:default/jdoe' }, userOwner)).toBe(true);
    expect(matches({ owner: 'group:default/jdoe' }, userOwner)).toBe(false);
    expect(matches({ owner: 'jdoe' }, userOwner)).toBe(true);
    // A bare owner resolves in the entity's own namespace.
    const elsewhere = component(
      { owner: 'payments' },
      { namespace: 'finance' },
    );
    expect(matches({ owner: 'group:finance/payments' }, elsewhere)).toBe(true);
    expect(matches({ owner: 'group:default/payments' }, elsewhere)).toBe(false);
    expect(matches({ owner: 'payments' }, component({}))).toBe(false);
  });

  it('matches the system by short name or full ref', () => {
    expect(matches({ system: 'checkout' })).toBe(true);
    expect(matches({ system: 'system:default/Checkout' })).toBe(true);
    expect(matches({ system: 'default/checkout' })).toBe(true);
    expect(matches({ system: 'group:default/checkout' })).toBe(false);
    expect(matches({ system: 'billing' })).toBe(false);
  });

  it('requires annotations, "*" meaning present', () => {
    expect(matches({ annotations: { 'backstage.io/techdocs-ref': '*' } })).toBe(
      true,
    );
    expect(
      matches({
        annotations: {
          'backstage.io/techdocs-ref': 'dir:.',
          'pagerduty.com/service-id': '*',
        },
      }),
    ).toBe(true);
    expect(
      matches({ annotations: { 'backstage.io/techdocs-ref': 'url:x' } }),
    ).toBe(false);
    expect(matches({ annotations: { 'sonarqube.org/project-key': '*' } })).toBe(
      false,
    );
    expect(matches({ annotations: { toString: '*' } }, component({}))).toBe(
      false,
    );
  });

  it('excludes entities matching not', () => {
    expect(matches({ not: { lifecycle: 'experimental' } })).toBe(true);
    expect(matches({ not: { tags: 'pci' } })).toBe(false);
    expect(matches({ kind: 'component', not: { owner: 'payments' } })).toBe(
      false,
    );
    expect(matches({ not: { not: { owner: 'payments' } } })).toBe(true);
  });

  it('requires every field to match', () => {
    expect(matches({ kind: 'component', lifecycle: 'production' })).toBe(true);
    expect(matches({ kind: 'component', lifecycle: 'experimental' })).toBe(
      false,
    );
  });

  it('never throws on malformed refs', () => {
    expect(matches({ owner: 'group:' })).toBe(false);
    expect(matches({ owner: 'payments' }, component({ owner: ':/' }))).toBe(
      false,
    );
  });
});
