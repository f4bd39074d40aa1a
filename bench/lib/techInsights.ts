/*
 * Backstage Tech Insights' json-rules-engine fact checker (jsonfc) on the benchmark's facts and checks, in
 * memory: the facts become fact retrievers with schemas in an in-memory TechInsightsStore, and every Ratchet
 * check is translated into a TechInsightJsonRuleCheck. What cannot be said the same way is translated to the
 * closest equivalent and listed in TRANSLATION_NOTES, so that the comparison is honest about it.
 */
import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { TechInsightJsonRuleCheck } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
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
import type {
  CheckBase,
  EntityFilter,
  OneOrMany,
  Rule,
  RuleCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import {
  NestedCondition,
  Operator,
  TopLevelCondition,
} from 'json-rules-engine';
import { Range, SemVer, coerce, valid } from 'semver';
import type { GeneratedEntity } from './generate';

/** Where our translation is not word for word; printed with the comparison. */
export const TRANSLATION_NOTES: readonly string[] = [
  'facts: each Ratchet source becomes a fact retriever; nested facts are flattened to one named fact per leaf ' +
    '(`scm.files.README.md.exists`), arrays also get `<path>.length` — the Tech Insights idiom, and its fastest path (no JSONPath)',
  '`exists`: a retriever-computed boolean fact `<path>:exists` compared with `equal` (json-rules-engine skips rules whose facts are missing)',
  '`matches` / `semverSatisfies`: custom json-rules-engine operators (regex compiled once per pattern; semver.satisfies with includePrerelease)',
  '`not`: pushed down to the leaves by De Morgan (not(any) → all of negated leaves; equal → notEqual, lessThan → greaterThanInclusive, in → notIn, contains → doesNotContain, matches → notMatches), since jsonfc only validates all/any roots',
  '`appliesTo`: the check `filter` (kind, spec.type, spec.lifecycle, metadata.tags, spec.owner with both the bare name and the full ref); ' +
    '`not: { lifecycle }` becomes the complement over the lifecycles present in the data; `annotations: { key: "*" }` cannot be a filter and becomes an extra `all` condition on `<annotation>:exists`',
];

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

/** Every condition of a rule tree. */
function conditionsOf(rule: Rule): RuleCondition[] {
  if ('all' in rule) return rule.all.flatMap(conditionsOf);
  if ('any' in rule) return rule.any.flatMap(conditionsOf);
  if ('not' in rule) return conditionsOf(rule.not);
  return [rule];
}

function sourceOf(factRef: string): string {
  return factRef.slice(0, factRef.indexOf('.'));
}

const EXISTS_SUFFIX = ':exists';

/** Fact refs whose presence the checks test (exists conditions, annotation filters with "*"). */
function existsRefs(checks: CheckBase[]): string[] {
  const refs = new Set<string>();
  for (const check of checks) {
    for (const c of conditionsOf(check.rule))
      if (c.operator === 'exists') refs.add(c.fact);
    for (const [key, value] of Object.entries(
      check.appliesTo?.annotations ?? {},
    )) {
      if (value === '*') refs.add(`catalog.metadata.annotations.${key}`);
    }
  }
  return [...refs];
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

const NEGATED: Record<string, string> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  greaterThanInclusive: 'lessThan',
  in: 'notIn',
  contains: 'doesNotContain',
  matches: 'notMatches',
  semverSatisfies: 'notSemverSatisfies',
};

type JreCondition = NestedCondition;

function translateCondition(c: RuleCondition, negate: boolean): JreCondition {
  if (c.operator === 'exists') {
    const wanted = c.value === undefined ? true : Boolean(c.value);
    return {
      fact: `${c.fact}${EXISTS_SUFFIX}`,
      operator: 'equal',
      value: negate ? !wanted : wanted,
    };
  }
  return {
    fact: c.fact,
    operator: negate ? NEGATED[c.operator] : c.operator,
    value: c.value ?? null,
  };
}

/** A Ratchet rule as json-rules-engine conditions, with `not` pushed down to the leaves. */
function translateRule(rule: Rule, negate: boolean): JreCondition {
  if ('all' in rule) {
    const children = rule.all.map(r => translateRule(r, negate));
    return negate ? { any: children } : { all: children };
  }
  if ('any' in rule) {
    const children = rule.any.map(r => translateRule(r, negate));
    return negate ? { all: children } : { any: children };
  }
  if ('not' in rule) return translateRule(rule.not, !negate);
  return translateCondition(rule, negate);
}

function oneOrMany(value: OneOrMany<string>): string[] {
  return Array.isArray(value) ? value : [value];
}

/** Owner filter values in both forms the catalog holds them (`payments`, `group:default/payments`). */
function ownerForms(values: OneOrMany<string>): string[] {
  return oneOrMany(values).flatMap(value => {
    if (!/[:/]/.test(value)) return [value, `group:default/${value}`];
    const ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.namespace === 'default' ? [value, ref.name] : [value];
  });
}

type JsonfcFilter = Record<string, string | string[]>;

/** An appliesTo filter as a jsonfc filter, plus conditions for what a filter cannot say. */
function translateFilter(
  filter: EntityFilter | undefined,
  lifecycles: readonly string[],
): { filter?: JsonfcFilter; extra: JreCondition[] } {
  if (!filter) return { extra: [] };
  const out: JsonfcFilter = {};
  const extra: JreCondition[] = [];
  if (filter.kind !== undefined) out.kind = oneOrMany(filter.kind);
  if (filter.type !== undefined) out['spec.type'] = oneOrMany(filter.type);
  if (filter.lifecycle !== undefined)
    out['spec.lifecycle'] = oneOrMany(filter.lifecycle);
  if (filter.tags !== undefined) out['metadata.tags'] = oneOrMany(filter.tags);
  if (filter.owner !== undefined) out['spec.owner'] = ownerForms(filter.owner);
  if (filter.system !== undefined)
    out['spec.system'] = oneOrMany(filter.system);
  for (const [key, value] of Object.entries(filter.annotations ?? {})) {
    if (value === '*') {
      extra.push({
        fact: `catalog.metadata.annotations.${key}${EXISTS_SUFFIX}`,
        operator: 'equal',
        value: true,
      });
    } else {
      out[`metadata.annotations["${key}"]`] = value;
    }
  }
  if (filter.not) {
    const excluded =
      filter.not.lifecycle === undefined
        ? []
        : oneOrMany(filter.not.lifecycle).map(l => l.toLowerCase());
    if (Object.keys(filter.not).some(k => k !== 'lifecycle')) {
      throw new Error(
        `appliesTo.not other than lifecycle has no jsonfc translation: ${JSON.stringify(
          filter.not,
        )}`,
      );
    }
    const allowed = lifecycles.filter(l => !excluded.includes(l.toLowerCase()));
    const current = out['spec.lifecycle'];
    out['spec.lifecycle'] = current
      ? oneOrMany(current).filter(l => allowed.includes(l))
      : [...allowed];
  }
  return { filter: Object.keys(out).length ? out : undefined, extra };
}

/** Every Ratchet check as a jsonfc check (rule, factIds, filter). */
export function translateChecks(
  checks: CheckBase[],
  entities: GeneratedEntity[],
): TechInsightJsonRuleCheck[] {
  const lifecycles = [
    ...new Set(
      entities
        .map(e => e.entity.spec?.lifecycle)
        .filter((l): l is string => typeof l === 'string'),
    ),
  ].sort();
  return checks.map(check => {
    const { filter, extra } = translateFilter(check.appliesTo, lifecycles);
    const translated = translateRule(check.rule, false);
    const body: JreCondition[] = [...extra, translated];
    // jsonfc wants an all/any root; a single condition is wrapped, an existing root kept as it is.
    const conditions: TopLevelCondition =
      body.length === 1 && ('all' in translated || 'any' in translated)
        ? (translated as TopLevelCondition)
        : { all: body };
    const factIds = [
      ...new Set([
        ...conditionsOf(check.rule).map(c => sourceOf(c.fact)),
        ...(extra.length ? ['catalog'] : []),
      ]),
    ];
    return {
      id: check.id,
      type: 'json-rules-engine',
      name: check.title,
      description: check.description ?? check.title,
      factIds,
      rule: { conditions },
      ...(filter ? { filter } : {}),
    };
  });
}

/** Reads a version as Ratchet does: strict semver first, then a coerced partial one (`3.12`). */
function version(value: string): SemVer | null {
  const strict = valid(value);
  return strict ? new SemVer(strict) : coerce(value);
}

/** The custom operators the translated checks use. */
export function customOperators(): Operator[] {
  const patterns = new Map<string, RegExp>();
  const regex = (pattern: string) => {
    let compiled = patterns.get(pattern);
    if (!compiled) {
      compiled = new RegExp(pattern);
      patterns.set(pattern, compiled);
    }
    return compiled;
  };
  const ranges = new Map<string, Range>();
  const satisfies = (value: string, range: string) => {
    let compiled = ranges.get(range);
    if (!compiled) {
      compiled = new Range(range, { includePrerelease: true });
      ranges.set(range, compiled);
    }
    const parsed = version(value);
    return parsed !== null && compiled.test(parsed);
  };
  const isString = (value: unknown) => typeof value === 'string';
  return [
    new Operator<string, string>(
      'matches',
      (a, b) => regex(b).test(a),
      isString,
    ),
    new Operator<string, string>(
      'notMatches',
      (a, b) => !regex(b).test(a),
      isString,
    ),
    new Operator<string, string>(
      'semverSatisfies',
      (a, b) => satisfies(a, b),
      isString,
    ),
    new Operator<string, string>(
      'notSemverSatisfies',
      (a, b) => !satisfies(a, b),
      isString,
    ),
  ];
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
