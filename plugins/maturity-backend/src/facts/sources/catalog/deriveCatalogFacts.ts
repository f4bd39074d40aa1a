import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { JsonObject, JsonValue } from '@backstage/types';

/** Classification tags, most sensitive first: the first one present wins. */
const CLASSIFICATIONS = ['pci', 'pii', 'public-data'];

/** What the catalog source knows about the whole catalog, to derive facts that span entities. */
export interface CatalogIndex {
  /** Lowercased entity ref → kind, for every entity in the catalog. */
  kinds: Map<string, string>;
  /** Lowercased entity ref → lifecycle, for Components. */
  lifecycles: Map<string, string>;
  /** Lowercased group ref → number of deprecated Components it owns directly. */
  deprecatedOwned: Map<string, number>;
}

/** Builds the cross-entity index from every entity of the catalog. */
export function buildCatalogIndex(entities: Iterable<Entity>): CatalogIndex {
  const index: CatalogIndex = {
    kinds: new Map(),
    lifecycles: new Map(),
    deprecatedOwned: new Map(),
  };
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    index.kinds.set(ref, entity.kind);
    if (entity.kind.toLocaleLowerCase('en-US') !== 'component') continue;
    const lifecycle = stringField(entity.spec?.lifecycle);
    if (lifecycle) index.lifecycles.set(ref, lifecycle);
    if (lifecycle === 'deprecated') {
      for (const owner of targets(entity, RELATION_OWNED_BY)) {
        index.deprecatedOwned.set(
          owner,
          (index.deprecatedOwned.get(owner) ?? 0) + 1,
        );
      }
    }
  }
  return index;
}

/**
 * The `catalog` facts of one entity: the entity as it is (metadata, spec) plus derived facts. Derived facts
 * are always present (booleans and counts) where a check would otherwise meet a missing fact for what is
 * really a failure, e.g. "has no repository".
 */
export function deriveCatalogFacts(
  entity: Entity,
  index: CatalogIndex,
): JsonObject {
  const annotations = entity.metadata.annotations ?? {};
  const tags = entity.metadata.tags ?? [];
  const facts: JsonObject = {
    kind: entity.kind,
    metadata: entity.metadata as unknown as JsonObject,
    spec: (entity.spec ?? {}) as JsonObject,
    hasRepo:
      Boolean(annotations['github.com/project-slug']) ||
      (annotations[ANNOTATION_SOURCE_LOCATION] ?? '').startsWith('url:'),
    hasDocs: Boolean(
      annotations['backstage.io/techdocs-ref'] ||
        annotations['backstage.io/techdocs-entity'],
    ),
  };

  const ownerRef = stringField(entity.spec?.owner);
  if (ownerRef) {
    const owner = normaliseRef(ownerRef, 'group', entity.metadata.namespace);
    const kind = owner ? index.kinds.get(owner) : undefined;
    facts.owner = kind
      ? { exists: true, ref: owner!, kind }
      : { exists: false };
  } else {
    facts.owner = { exists: false };
  }

  const system = stringField(entity.spec?.system);
  const systemRef =
    system && normaliseRef(system, 'system', entity.metadata.namespace);
  if (systemRef) facts.system = systemRef;

  const classification = CLASSIFICATIONS.find(c => tags.includes(c));
  if (classification) facts.dataClassification = classification;

  const kind = entity.kind.toLocaleLowerCase('en-US');
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  if (kind === 'group') {
    facts.members = { count: targets(entity, RELATION_HAS_MEMBER).length };
    facts.ownedComponents = { deprecated: index.deprecatedOwned.get(ref) ?? 0 };
  }
  if (kind === 'api') {
    const consumers = targets(entity, RELATION_API_CONSUMED_BY);
    const api: JsonObject = {
      productionConsumers: consumers.filter(
        c => index.lifecycles.get(c) === 'production',
      ).length,
    };
    const specVersion = apiSpecVersion(stringField(entity.spec?.definition));
    if (specVersion) api.specVersion = specVersion;
    facts.api = api;
  }
  return facts;
}

/** Reads `openapi: 3.0.1`, `swagger: "2.0"` or `asyncapi: 2.6.0` from a definition, as `x.y.z`. */
export function apiSpecVersion(
  definition: string | undefined,
): string | undefined {
  if (!definition) return undefined;
  const match =
    /^\s*["']?(?:openapi|swagger|asyncapi)["']?\s*:\s*["']?(\d+)(?:\.(\d+))?(?:\.(\d+))?/m.exec(
      definition,
    );
  if (!match) return undefined;
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}`;
}

function targets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}

function normaliseRef(ref: string, defaultKind: string, namespace?: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

function stringField(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
