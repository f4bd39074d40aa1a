import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import { PushValidator } from './PushValidator';

const SERVICE = 'component:default/payments';

const collected: FactSource = {
  id: 'kubernetes',
  mode: 'collect',
  schema: { type: 'object' },
  collect: async () => [],
};
const pushed: FactSource = {
  id: 'ci',
  mode: 'push',
  schema: { type: 'object' },
};

const validator = () =>
  new PushValidator({
    sources: [collected, pushed],
    catalog: catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments', namespace: 'default' },
        },
      ],
    }),
  });

describe('PushValidator source modes', () => {
  it('accepts push sources only', () => {
    expect(validator().accepts('ci')).toBe(true);
    expect(validator().accepts('kubernetes')).toBe(false);
  });

  it('refuses a push naming a collected source, naming it, so collected facts are never overwritten', async () => {
    await expect(
      validator().validate(
        {
          items: [
            { entityRef: SERVICE, source: 'ci', facts: { a: 1 } },
            { entityRef: SERVICE, source: 'kubernetes', facts: { a: 1 } },
          ],
        },
        mockCredentials.service(),
      ),
    ).rejects.toThrow(
      "items[1].source: 'kubernetes' facts are collected by the plugin and cannot be pushed",
    );
  });

  it('accepts a push to a push source', async () => {
    await expect(
      validator().validate(
        { items: [{ entityRef: SERVICE, source: 'ci', facts: { a: 1 } }] },
        mockCredentials.service(),
      ),
    ).resolves.toEqual([{ entityRef: SERVICE, source: 'ci', facts: { a: 1 } }]);
  });
});
