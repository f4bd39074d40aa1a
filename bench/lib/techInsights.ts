/*
 * Backstage Tech Insights' json-rules-engine fact checker (jsonfc) on the benchmark's facts, in memory: the
 * facts become fact retrievers with schemas in an in-memory TechInsightsStore, and jsonfc gets an in-memory
 * catalog and a fixed service credential. The checks are translated in techInsightsTranslation.ts.
 */
import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type {
  FactRetriever,
  FactRetrieverRegistration,
  FactRetrieverRegistry,
  FactSchemaDefinition,
  FlatTechInsightFact,
  TechInsightFact,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CheckBase } from '@ratchet/backstage-plugin-maturity-common';
import type { GeneratedEntity } from './generate';
import { EXISTS_SUFFIX, existsRefs, sourceOf } from './techInsightsTranslation';

/** A flat fact map of one retriever for one entity: fact name → value. */
type FlatFacts = Record<string, JsonValue>;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens one source's facts into `<source>.<path>` leaves, arrays also as `.length`. */
function flatten(prefix: string, value: JsonValue, out: FlatFacts): void {
  if (Array.isArray(value)) {
    out[`${prefix}.length`] = value.length;
    if (value.every(v => !isObject(v) && !Array.isArray(v))) {
      out[prefix] = value;
      return;
    }
    value.forEach((item, index) => flatten(`${prefix}.${index}`, item, out));
    return;
  }
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) flatten(`${prefix}.${key}`, item, out);
    }
    return;
  }
  if (value !== null) out[prefix] = value;
}

function factType(value: JsonValue): FactSchema[string]['type'] {
  if (Array.isArray(value)) return 'set';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** The facts of the benchmark as Tech Insights fact retrievers would report them. */
export interface TechInsightsData {
  /** Retriever registrations (id = Ratchet source id) with their schemas. */
  registrations: FactRetrievalRegistrationList;
  /** Facts by entity ref, then retriever id. */
  facts: Map<string, Map<string, FlatFacts>>;
}

/** Retriever registrations, as a registry lists them. */
export type FactRetrievalRegistrationList = FactRetrieverRegistration[];

/** Builds fact retrievers (one per source, schema = every flat fact seen) and every entity's flat facts. */
export function buildTechInsightsData(
  entities: GeneratedEntity[],
  checks: CheckBase[],
): TechInsightsData {
  const presence = existsRefs(checks);
  const schemas = new Map<string, FactSchema>();
  const facts = new Map<string, Map<string, FlatFacts>>();
  for (const { entityRef, facts: bySource } of entities) {
    const perRetriever = new Map<string, FlatFacts>();
    for (const [source, sourceFacts] of Object.entries(bySource)) {
      const flat: FlatFacts = {};
      flatten(source, sourceFacts, flat);
      for (const ref of presence) {
        if (sourceOf(ref) !== source) continue;
        const prefix = `${ref}.`;
        flat[`${ref}${EXISTS_SUFFIX}`] =
          flat[ref] !== undefined ||
          Object.keys(flat).some(k => k.startsWith(prefix));
      }
      perRetriever.set(source, flat);
      const schema = schemas.get(source) ?? {};
      for (const [name, value] of Object.entries(flat)) {
        schema[name] ??= {
          type: factType(value),
          description: `${name} as reported by ${source}`,
        };
      }
      schemas.set(source, schema);
    }
    facts.set(entityRef, perRetriever);
  }
  const registrations: FactRetrieverRegistration[] = [...schemas].map(
    ([id, schema]) => {
      const retriever: FactRetriever = {
        id,
        version: '1.0.0',
        title: `Ratchet ${id} facts`,
        schema,
        // The benchmark writes facts straight into the store, so the handler is never scheduled.
        handler: async () => [],
      };
      return { factRetriever: retriever, cadence: '0 * * * *' };
    },
  );
  return { registrations, facts };
}

/** An in-memory FactRetrieverRegistry over fixed registrations. */
export class InMemoryFactRetrieverRegistry implements FactRetrieverRegistry {
  readonly #registrations = new Map<string, FactRetrieverRegistration>();

  /** Creates the registry with these registrations. */
  constructor(registrations: FactRetrieverRegistration[]) {
    for (const r of registrations)
      this.#registrations.set(r.factRetriever.id, r);
  }

  /** Adds a registration. */
  async register(registration: FactRetrieverRegistration): Promise<void> {
    this.#registrations.set(registration.factRetriever.id, registration);
  }

  /** One registration by retriever id. */
  async get(retrieverReference: string): Promise<FactRetrieverRegistration> {
    const registration = this.#registrations.get(retrieverReference);
    if (!registration)
      throw new Error(`No fact retriever ${retrieverReference}`);
    return registration;
  }

  /** Every retriever. */
  async listRetrievers(): Promise<FactRetriever[]> {
    return [...this.#registrations.values()].map(r => r.factRetriever);
  }

  /** Every registration. */
  async listRegistrations(): Promise<FactRetrieverRegistration[]> {
    return [...this.#registrations.values()];
  }

  /** Every retriever's schema. */
  async getSchemas(): Promise<FactSchema[]> {
    return [...this.#registrations.values()].map(r => r.factRetriever.schema);
  }
}

/**
 * A TechInsightsStore in memory: latest facts per (entity, retriever) and schemas per retriever, so a
 * measurement of jsonfc measures the rules engine and its glue, not a database.
 */
export class InMemoryTechInsightsStore implements TechInsightsStore {
  readonly #facts = new Map<string, Map<string, FlatTechInsightFact>>();
  readonly #schemas = new Map<string, FactSchema>();

  /** Stores facts of one retriever (latest wins). */
  async insertFacts(options: {
    id: string;
    facts: TechInsightFact[];
  }): Promise<void> {
    for (const fact of options.facts) {
      const { kind, namespace, name } = fact.entity;
      const ref = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
      let byRetriever = this.#facts.get(ref);
      if (!byRetriever) {
        byRetriever = new Map();
        this.#facts.set(ref, byRetriever);
      }
      byRetriever.set(options.id, { ...fact, id: options.id });
    }
  }

  /** The latest facts of these retrievers for one entity. */
  async getLatestFactsByIds(
    ids: string[],
    entity: string,
  ): Promise<{ [factRef: string]: FlatTechInsightFact }> {
    const byRetriever = this.#facts.get(entity.toLocaleLowerCase('en-US'));
    const result: { [factRef: string]: FlatTechInsightFact } = {};
    if (!byRetriever) return result;
    for (const id of ids) {
      const fact = byRetriever.get(id);
      if (fact) result[id] = fact;
    }
    return result;
  }

  /** Every entity with facts. */
  async getEntities() {
    return [...this.#facts.keys()].map(ref => parseEntityRef(ref));
  }

  /** History is not kept: the latest facts are the only ones. */
  async getFactsBetweenTimestampsByIds(ids: string[], entity: string) {
    const latest = await this.getLatestFactsByIds(ids, entity);
    return Object.fromEntries(
      Object.entries(latest).map(([id, fact]) => [id, [fact]]),
    );
  }

  /** Stores a retriever's schema. */
  async insertFactSchema(
    schemaDefinition: FactSchemaDefinition,
  ): Promise<void> {
    this.#schemas.set(schemaDefinition.id, schemaDefinition.schema);
  }

  /** The schemas of these retrievers (all when omitted). */
  async getLatestSchemas(ids?: string[]): Promise<FactSchema[]> {
    const wanted = ids ? [...new Set(ids)] : [...this.#schemas.keys()];
    return wanted.flatMap(id => {
      const schema = this.#schemas.get(id);
      return schema ? [schema] : [];
    });
  }
}

/** Fills a store from the registry's schemas and the flat facts, as the Tech Insights backend would. */
export async function loadStore(
  data: TechInsightsData,
  entities: GeneratedEntity[],
): Promise<InMemoryTechInsightsStore> {
  const store = new InMemoryTechInsightsStore();
  const registry = new InMemoryFactRetrieverRegistry(data.registrations);
  for (const retriever of await registry.listRetrievers()) {
    const { handler: _handler, ...definition } = retriever;
    await store.insertFactSchema(definition);
  }
  for (const { entity, entityRef } of entities) {
    for (const [id, flat] of data.facts.get(entityRef) ?? []) {
      await store.insertFacts({
        id,
        facts: [
          {
            entity: {
              kind: entity.kind,
              namespace: entity.metadata.namespace ?? 'default',
              name: entity.metadata.name,
            },
            facts: flat,
          },
        ],
      });
    }
  }
  return store;
}

/** A catalog that answers getEntityByRef from a map: jsonfc fetches each entity to apply check filters. */
export function inMemoryCatalog(entities: GeneratedEntity[]): CatalogService {
  const byRef = new Map<string, Entity>(
    entities.map(e => [e.entityRef.toLocaleLowerCase('en-US'), e.entity]),
  );
  const catalog: Pick<CatalogService, 'getEntityByRef'> = {
    async getEntityByRef(ref) {
      const key =
        typeof ref === 'string'
          ? ref
          : `${ref.kind}:${ref.namespace}/${ref.name}`;
      return byRef.get(key.toLocaleLowerCase('en-US'));
    },
  };
  // jsonfc only calls getEntityByRef; the rest of the interface is never reached in this benchmark.
  return catalog as CatalogService;
}

/** An AuthService whose own service credentials are a fixed token: jsonfc asks for them per entity. */
export function staticAuth(): AuthService {
  const credentials: BackstageCredentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:tech-insights' },
  };
  const auth: Pick<AuthService, 'getOwnServiceCredentials'> = {
    async getOwnServiceCredentials() {
      return credentials as Awaited<
        ReturnType<AuthService['getOwnServiceCredentials']>
      >;
    },
  };
  // jsonfc only calls getOwnServiceCredentials.
  return auth as AuthService;
}
