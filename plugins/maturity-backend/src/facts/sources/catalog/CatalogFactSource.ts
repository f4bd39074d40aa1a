import type { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CollectedFacts,
  FactCollectionRequest,
  FactSource,
} from '@ratchet/backstage-plugin-maturity-node';
import { buildCatalogIndex, deriveCatalogFacts } from './deriveCatalogFacts';

/** JSON Schema of the `catalog` facts (the entity itself plus derived facts). */
const CATALOG_FACTS_SCHEMA = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: { type: 'object' },
    hasRepo: {
      type: 'boolean',
      description: 'A source-location URL or GitHub project slug is set',
    },
    hasDocs: { type: 'boolean', description: 'A TechDocs annotation is set' },
    owner: {
      type: 'object',
      properties: {
        exists: { type: 'boolean' },
        ref: { type: 'string' },
        kind: { type: 'string' },
      },
    },
    system: { type: 'string', description: 'Full ref of spec.system' },
    dataClassification: { type: 'string', enum: ['pci', 'pii', 'public-data'] },
    members: { type: 'object', properties: { count: { type: 'integer' } } },
    ownedComponents: {
      type: 'object',
      properties: { deprecated: { type: 'integer' } },
    },
    api: {
      type: 'object',
      properties: {
        productionConsumers: { type: 'integer' },
        specVersion: { type: 'string' },
      },
    },
  },
};

/**
 * The built-in `catalog` fact source: every entity's metadata and spec, plus facts that need the rest of
 * the catalog (does the owner exist and is it a Group, team sizes, production consumers of an API).
 * Reads through the catalog service with the plugin's own credentials — never the catalog's database.
 */
export class CatalogFactSource implements FactSource {
  readonly id = 'catalog';
  readonly mode = 'collect' as const;
  readonly title = 'Software catalog';
  readonly description = 'Entity metadata and spec, ownership and relations';
  readonly schema = CATALOG_FACTS_SCHEMA;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  /** Creates the source over the catalog service. */
  static create(options: { catalog: CatalogService; auth: AuthService }) {
    return new CatalogFactSource(options.catalog, options.auth);
  }

  private constructor(catalog: CatalogService, auth: AuthService) {
    this.#catalog = catalog;
    this.#auth = auth;
  }

  /** Streams the catalog once: cross-entity facts need the whole catalog even for one entity. */
  async collect(request: FactCollectionRequest): Promise<CollectedFacts[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of this.#catalog.streamEntities(undefined, {
      credentials,
    })) {
      if (request.signal?.aborted)
        throw new Error('catalog fact collection aborted');
      entities.push(...page);
    }
    const index = buildCatalogIndex(entities);
    const wanted = request.entityRefs
      ? new Set(request.entityRefs.map(r => r.toLocaleLowerCase('en-US')))
      : undefined;
    const observedAt = new Date();
    const collected: CollectedFacts[] = [];
    for (const entity of entities) {
      const entityRef = stringifyEntityRef(entity);
      if (wanted && !wanted.has(entityRef.toLocaleLowerCase('en-US'))) continue;
      collected.push({
        entityRef,
        facts: deriveCatalogFacts(entity, index),
        observedAt,
      });
    }
    return collected;
  }
}
