import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogView } from './catalogView';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};
const REF = 'component:default/payments-api';

function countingCatalog() {
  const catalog = catalogServiceMock({ entities: [service] });
  const asked: string[] = [];
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = async (ref, options) => {
    asked.push(String(ref));
    return getEntityByRef(ref, options);
  };
  return { catalog, asked };
}

describe('CatalogView.entity', () => {
  it('asks the catalog once per principal within the time to live', async () => {
    const { catalog, asked } = countingCatalog();
    const view = new CatalogView(catalog);
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');

    expect((await view.entity(REF, alice)).metadata.name).toBe('payments-api');
    expect((await view.entity(REF, alice)).metadata.name).toBe('payments-api');
    expect(asked).toEqual([REF]);

    // Visibility is per caller: another principal is asked for on its own credentials.
    await view.entity(REF, bob);
    expect(asked).toEqual([REF, REF]);
  });

  it('remembers that an entity is missing, and asks again once the answer is stale', async () => {
    const { catalog, asked } = countingCatalog();
    const view = new CatalogView(catalog, { ttlMs: 0 });
    const alice = mockCredentials.user('user:default/alice');
    const missing = 'component:default/nope';

    await expect(view.entity(missing, alice)).rejects.toThrow(NotFoundError);
    await expect(view.entity(missing, alice)).rejects.toThrow(
      `No entity ${missing}`,
    );
    // A time to live of 0 keeps nothing: both lookups reached the catalog.
    expect(asked).toEqual([missing, missing]);
  });

  it('keeps a bounded number of entities per principal', async () => {
    const { catalog, asked } = countingCatalog();
    const view = new CatalogView(catalog);
    const alice = mockCredentials.user('user:default/alice');
    await view.entity(REF, alice);
    for (let i = 0; i < 200; i++) {
      await expect(
        view.entity(`component:default/other-${i}`, alice),
      ).rejects.toThrow(NotFoundError);
    }
    // The oldest entry was evicted to make room, so the first entity is fetched again.
    await view.entity(REF, alice);
    expect(asked.filter(ref => ref === REF)).toHaveLength(2);
  });
});
