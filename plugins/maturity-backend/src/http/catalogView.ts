import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { principalKey } from './refs';

/** What list and roll-up endpoints need of a visible entity. */
export interface EntitySummary {
  /** Owner ref, normalised as the catalog fact source derives `catalog.owner.ref` (lowercased). */
  owner?: string;
  /** System ref, normalised the same way. */
  system?: string;
  /** `spec.lifecycle`, as written. */
  lifecycle?: string;
  /** `metadata.title`, when set. */
  title?: string;
}

/** Refs per getEntitiesByRefs call: small requests, few round trips. */
const BATCH = 500;
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
];

interface CacheEntry {
  expires: number;
  /** Ref → summary, or null when the caller cannot see it (or it is gone from the catalog). */
  entities: Map<string, EntitySummary | null>;
  /** System ref → domain ref (null: none or invisible). */
  domains: Map<string, string | null>;
  /** Whole entities of the entity endpoint (null: not visible), at most FULL_PER_PRINCIPAL. */
  full: Map<string, Entity | null>;
}

/** Whole entities kept per principal: a page of entity tabs, not the catalog. */
const FULL_PER_PRINCIPAL = 200;

/**
 * What a caller may see in the catalog, asked of the catalog with the caller's own credentials.
 *
 * Cost: listing endpoints ask for every candidate ref (the entities a scorecard rates) in batches of
 * 500 with five small fields, so 10,000 entities are 20 catalog requests. Answers are cached per
 * principal for a few seconds: a dashboard's burst of requests, and many concurrent users of the same
 * identity, pay that once. The cache is bounded (oldest principal evicted first).
 */
export class CatalogView {
  readonly #catalog: CatalogService;
  readonly #ttlMs: number;
  readonly #maxPrincipals: number;
  readonly #cache = new Map<string, CacheEntry>();

  /** Creates the view; `ttlMs` bounds how stale a visibility answer may be. */
  constructor(
    catalog: CatalogService,
    options: { ttlMs?: number; maxPrincipals?: number } = {},
  ) {
    this.#catalog = catalog;
    this.#ttlMs = options.ttlMs ?? 10_000;
    this.#maxPrincipals = options.maxPrincipals ?? 20;
  }

  /** The entity, as the caller sees it; NotFoundError when it does not exist or is not visible. */
  async entity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    // The catalog is a network call away; an entity tab asks again on every re-evaluation and refresh.
    const entry = this.#entry(credentials);
    let entity = entry.full.get(entityRef);
    if (entity === undefined) {
      entity =
        (await this.#catalog.getEntityByRef(entityRef, { credentials })) ??
        null;
      if (entry.full.size >= FULL_PER_PRINCIPAL) {
        entry.full.delete(entry.full.keys().next().value as string);
      }
      entry.full.set(entityRef, entity);
    }
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    return entity;
  }

  /** The refs (of those given) the caller can see, with owner and system. */
  async summaries(
    credentials: BackstageCredentials,
    entityRefs: Iterable<string>,
  ): Promise<Map<string, EntitySummary>> {
    const entry = this.#entry(credentials);
    const missing = [...new Set(entityRefs)].filter(
      ref => !entry.entities.has(ref),
    );
    for (let i = 0; i < missing.length; i += BATCH) {
      const refs = missing.slice(i, i + BATCH);
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: FIELDS },
        { credentials },
      );
      refs.forEach((ref, index) => {
        const entity = items[index];
        entry.entities.set(ref, entity ? summarise(entity) : null);
      });
    }
    const visible = new Map<string, EntitySummary>();
    for (const ref of entityRefs) {
      const summary = entry.entities.get(ref);
      if (summary) visible.set(ref, summary);
    }
    return visible;
  }

  /** The domain of each system (as the caller sees the systems); null when none or not visible. */
  async domains(
    credentials: BackstageCredentials,
    systemRefs: Iterable<string>,
  ): Promise<Map<string, string | null>> {
    const entry = this.#entry(credentials);
    const missing = [...new Set(systemRefs)].filter(
      ref => !entry.domains.has(ref),
    );
    for (let i = 0; i < missing.length; i += BATCH) {
      const refs = missing.slice(i, i + BATCH);
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'spec.domain',
          ],
        },
        { credentials },
      );
      refs.forEach((ref, index) => {
        const system = items[index];
        entry.domains.set(
          ref,
          system
            ? normalise(
                system.spec?.domain,
                'domain',
                system.metadata.namespace,
              ) ?? null
            : null,
        );
      });
    }
    return new Map(
      [...new Set(systemRefs)].map(ref => [
        ref,
        entry.domains.get(ref) ?? null,
      ]),
    );
  }

  #entry(credentials: BackstageCredentials): CacheEntry {
    const key = principalKey(credentials);
    const now = Date.now();
    let entry = this.#cache.get(key);
    if (!entry || entry.expires <= now) {
      this.#cache.delete(key);
      entry = {
        expires: now + this.#ttlMs,
        entities: new Map(),
        domains: new Map(),
        full: new Map(),
      };
      this.#cache.set(key, entry);
      // Map iteration is insertion order, so the first key is the oldest principal.
      while (this.#cache.size > this.#maxPrincipals) {
        this.#cache.delete(this.#cache.keys().next().value as string);
      }
    }
    return entry;
  }
}

function summarise(entity: Entity): EntitySummary {
  const namespace = entity.metadata.namespace;
  const owner = normalise(entity.spec?.owner, 'group', namespace);
  const system = normalise(entity.spec?.system, 'system', namespace);
  const lifecycle = entity.spec?.lifecycle;
  const title = entity.metadata.title;
  return {
    ...(owner ? { owner } : {}),
    ...(system ? { system } : {}),
    ...(typeof lifecycle === 'string' && lifecycle ? { lifecycle } : {}),
    ...(typeof title === 'string' && title ? { title } : {}),
  };
}

/** Resolves a relation target as the catalog does (default kind, the entity's namespace), lowercased. */
function normalise(
  value: unknown,
  defaultKind: string,
  namespace?: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    // A malformed owner is the catalog processor's to report; here the entity just has no owner.
    return undefined;
  }
}
