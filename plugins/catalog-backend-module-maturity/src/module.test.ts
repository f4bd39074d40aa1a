import { stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity as Entity } from '@backstage/catalog-model/alpha';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleMaturityKinds } from './module';

const CATALOG_FILE = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
spec:
  type: service
  lifecycle: production
  owner: payments
---
apiVersion: ratchet.dev/v1alpha1
kind: Scorecard
metadata:
  name: service-maturity
spec:
  owner: platform
  levels:
    - { id: bronze, title: Bronze }
  categories:
    - { id: ownership, title: Ownership }
  checks:
    - id: has-owner
      title: Has an owning team
      level: bronze
      category: ownership
      rule: { fact: catalog.spec.owner, operator: exists }
---
apiVersion: ratchet.dev/v1alpha1
kind: Scorecard
metadata:
  name: broken-maturity
spec:
  owner: platform
  levels:
    - { id: bronze, title: Bronze }
  categories:
    - { id: ownership, title: Ownership }
  checks:
    - id: has-owner
      title: Has an owning team
      level: platinum
      category: ownership
      rule: { fact: catalog.spec.owner, operator: exists }
`;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe('catalogModuleMaturityKinds', () => {
  const mockDir = createMockDirectory();

  it('adds the kinds to a real catalog: valid entities are served, invalid ones report the field', async () => {
    mockDir.setContent({ 'catalog-info.yaml': CATALOG_FILE });
    const processingErrors: { entityRef: string; messages: string[] }[] = [];

    // The catalog's hook for processing errors: what e.g. the logs module turns into log lines.
    const captureErrors = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'test-capture-errors',
      register(reg) {
        reg.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.setOnProcessingErrorHandler(event => {
              processingErrors.push({
                entityRef: stringifyEntityRef(event.unprocessedEntity),
                messages: event.errors.map(e => `${e.name}: ${e.message}`),
              });
            });
          },
        });
      },
    });

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleMaturityKinds,
        captureErrors,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:0',
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'Scorecard',
                    'Campaign',
                    'Checklist',
                    'Group',
                    'Location',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: mockDir.resolve('catalog-info.yaml') },
              ],
            },
          },
        }),
      ],
    });

    try {
      const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
      const getEntity = async (ref: string): Promise<Entity | undefined> => {
        const response = await fetch(`${baseUrl}/entities/by-name/${ref}`);
        return response.ok ? ((await response.json()) as Entity) : undefined;
      };

      const scorecard = await waitFor('the valid Scorecard', () =>
        getEntity('scorecard/default/service-maturity'),
      );
      expect(scorecard.relations).toEqual(
        expect.arrayContaining([
          { type: 'ownedBy', targetRef: 'group:default/platform' },
        ]),
      );
      await waitFor('the Component', () =>
        getEntity('component/default/payments-api'),
      );

      const brokenError = await waitFor(
        'the processing error of the broken Scorecard',
        async () =>
          processingErrors.find(
            e => e.entityRef === 'scorecard:default/broken-maturity',
          ),
      );
      expect(brokenError.messages).toEqual([
        'InputError: Processor RatchetKindsProcessor threw an error while validating the entity scorecard:default/broken-maturity; caused by InputError: Scorecard "scorecard:default/broken-maturity" is invalid: spec.checks[0].level: unknown level "platinum"; expected one of bronze',
      ]);
      // Never processed successfully, so the catalog does not serve it at all.
      expect(
        await getEntity('scorecard/default/broken-maturity'),
      ).toBeUndefined();
      // Nor are the errors of the entities a location emits attached to the Location entity.
      const locations = (await (
        await fetch(`${baseUrl}/entities?filter=kind=location`)
      ).json()) as Entity[];
      expect(locations.flatMap(l => l.status?.items ?? [])).toEqual([]);

      // Once an entity has been valid, the catalog keeps serving its last valid version and attaches
      // the error to it, which the entity page shows as a processing error.
      mockDir.setContent({
        'catalog-info.yaml': CATALOG_FILE.replace(
          'level: bronze',
          'level: gold',
        ),
      });
      const refresh = await fetch(`${baseUrl}/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          entityRef: 'scorecard:default/service-maturity',
        }),
      });
      expect(refresh.status).toBe(200);
      const stale = await waitFor(
        'the error on the previously valid Scorecard',
        async () => {
          const entity = await getEntity('scorecard/default/service-maturity');
          return entity?.status?.items?.length ? entity : undefined;
        },
      );
      expect(stale.spec?.checks).toEqual([
        expect.objectContaining({ level: 'bronze' }),
      ]);
      expect(stale.status?.items).toEqual([
        expect.objectContaining({
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: expect.stringContaining(
            'Scorecard "scorecard:default/service-maturity" is invalid: spec.checks[0].level: unknown level "gold"; expected one of bronze',
          ),
        }),
      ]);
      // The serialized error keeps the structured problems for tools that read the status.
      expect(stale.status?.items?.[0].error?.cause).toMatchObject({
        problems: [{ path: 'spec.checks[0].level', expected: 'one of bronze' }],
      });

      // The same message answers the catalog's validate-entity endpoint (the entity validator UI).
      const validation = await fetch(`${baseUrl}/validate-entity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          location: 'url:https://example.com/catalog-info.yaml',
          entity: {
            apiVersion: 'ratchet.dev/v1alpha1',
            kind: 'Scorecard',
            metadata: { name: 'typo' },
            spec: { owner: 'platform', levels: [], categories: [], checks: [] },
          },
        }),
      });
      expect(validation.status).toBe(400);
      const body = (await validation.json()) as {
        errors: { message: string }[];
      };
      expect(body.errors[0].message).toContain(
        'Scorecard "scorecard:default/typo" is invalid: spec.levels: must not be empty',
      );
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
