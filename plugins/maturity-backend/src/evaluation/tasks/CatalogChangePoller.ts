import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactStore } from '../../facts/FactStore';

/** The collection the poller asks for: facts of some entities from every source, then their evaluation. */
export interface ChangeCollector {
  /** Collects from every collecting source for these entities and evaluates them. */
  collectFor(entityRefs: string[]): Promise<unknown>;
  /** Collects one source for every entity (or some) and evaluates what changed. */
  collect(
    sourceId: string,
    options?: { entityRefs?: string[]; signal?: AbortSignal },
  ): Promise<unknown>;
}

/** What one poll found and did. */
export interface CatalogPollResult {
  /** Entities new to the plugin or whose catalog etag moved; they and the entities they relate to were collected and evaluated. */
  changed: string[];
  /** Whether so many changed that the whole catalog source was collected instead. */
  full: boolean;
  /** Entities the previous poll saw and this one did not: their facts, results and levels were deleted. */
  removed: string[];
}

const ETAG_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];

/** Above this many changed entities one full catalog collection is cheaper than a targeted one. */
const DEFAULT_FULL_COLLECTION_THRESHOLD = 500;

/**
 * More removals than this share of the catalog in one poll are left to the sweep's housekeeping: a catalog
 * answering a partial list (a restart, a failing database) must not wipe the estate's results.
 */
const MAX_REMOVED_SHARE = 0.1;
const MIN_REMOVED_LIMIT = 20;

/**
 * Reacts to the catalog within seconds. The installed catalog backend publishes no entity-changed events
 * (only `experimental.catalog.errors` and `…conflict`), so this asks the catalog service, with the plugin's
 * own credentials, for every entity's ref and `metadata.etag` only — a few bytes per entity — and
 * collects facts for and evaluates just the entities that are new or whose etag moved. The etag the plugin
 * last saw is the one in the stored `catalog` facts (the whole metadata is kept there), so the truth lives
 * in the database and any replica can run the poll; the map in memory only saves re-reading it.
 */
export class CatalogChangePoller {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #facts: Pick<FactStore, 'getFacts'>;
  readonly #collector: ChangeCollector;
  readonly #remove?: (entityRefs: string[]) => Promise<unknown>;
  readonly #logger: LoggerService;
  readonly #fullThreshold: number;
  /** Entity ref → the etag whose facts are stored; undefined until seeded from the fact store. */
  #seen?: Map<string, string | undefined>;

  /** Creates the poller. */
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    facts: Pick<FactStore, 'getFacts'>;
    collector: ChangeCollector;
    /** Deletes what the plugin keeps of entities gone from the catalog; without it the sweep does. */
    removeEntities?: (entityRefs: string[]) => Promise<unknown>;
    logger: LoggerService;
    /** Changed entities above which the whole catalog source is collected (default 500). */
    fullCollectionThreshold?: number;
  }) {
    return new CatalogChangePoller(options);
  }

  private constructor(
    options: Parameters<typeof CatalogChangePoller.create>[0],
  ) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#facts = options.facts;
    this.#collector = options.collector;
    this.#remove = options.removeEntities;
    this.#logger = options.logger;
    this.#fullThreshold =
      options.fullCollectionThreshold ?? DEFAULT_FULL_COLLECTION_THRESHOLD;
  }

  /** One poll: finds new and changed entities and has them collected and evaluated. */
  async poll(signal?: AbortSignal): Promise<CatalogPollResult> {
    const current = await this.#etags(signal);
    const seen = this.#seen ?? (await this.#storedEtags([...current.keys()]));
    const changed = [...current]
      .filter(([ref, etag]) => seen.get(ref) !== etag)
      .map(([ref]) => ref);
    const full = changed.length > this.#fullThreshold;
    if (full) {
      // A fresh install or a bulk import: one stream of the catalog serves all of them.
      await this.#collector.collect('catalog', { signal });
    } else if (changed.length) {
      await this.#collectFor(await this.#withRelated(changed, current));
    }
    const removed = await this.#removeGone(this.#seen, current);
    // Only after the collection succeeded: a failed one is retried by the next poll.
    this.#seen = current;
    if (changed.length) {
      this.#logger.info('Evaluated entities changed in the catalog', {
        entities: changed.length,
        full,
      });
    }
    return { changed, full, removed };
  }

  /**
   * Entities in the previous complete stream and not in this one were deleted from the catalog: they lose
   * their facts and results now rather than at the next sweep (hours). The first poll of a process has
   * no previous stream and removes nothing; the sweep's housekeeping covers what happened before it.
   */
  async #removeGone(
    previous: ReadonlyMap<string, unknown> | undefined,
    current: ReadonlyMap<string, string>,
  ): Promise<string[]> {
    if (!previous || !this.#remove) return [];
    const gone = [...previous.keys()].filter(ref => !current.has(ref));
    if (gone.length === 0) return [];
    const limit = Math.max(
      MIN_REMOVED_LIMIT,
      Math.floor(previous.size * MAX_REMOVED_SHARE),
    );
    if (gone.length > limit) {
      this.#logger.warn(
        'Many entities vanished from the catalog at once; leaving their removal to the sweep',
        { entities: gone.length, limit },
      );
      return [];
    }
    await this.#remove(gone);
    this.#logger.info('Removed entities deleted from the catalog', {
      entities: gone.length,
    });
    return gone;
  }

  /**
   * The changed entities and those they relate to: catalog facts span entities (a new Group makes its
   * Components' `owner.exists` true, a deprecated Component changes its owner's count), and a related
   * entity's etag does not move when only the other end changed.
   */
  async #withRelated(
    changed: string[],
    current: ReadonlyMap<string, string>,
  ): Promise<string[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: changed, fields: ['relations'] },
      { credentials },
    );
    const byLowerRef = new Map(
      [...current.keys()].map(ref => [ref.toLocaleLowerCase('en-US'), ref]),
    );
    const refs = new Set(changed);
    for (const entity of items) {
      for (const relation of entity?.relations ?? []) {
        const ref = byLowerRef.get(
          relation.targetRef.toLocaleLowerCase('en-US'),
        );
        if (ref) refs.add(ref);
      }
    }
    return [...refs];
  }

  async #collectFor(entityRefs: string[]) {
    try {
      await this.#collector.collectFor(entityRefs);
    } catch (error) {
      // One failing source (a cluster down) must not keep the entity unevaluated: catalog facts alone
      // give it its first results; the source's own schedule fills in the rest.
      this.#logger.warn(
        'Could not collect every source for changed entities; collecting catalog facts only',
        { entities: entityRefs.length, error: String(error) },
      );
      await this.#collector.collect('catalog', { entityRefs });
    }
  }

  async #etags(signal?: AbortSignal): Promise<Map<string, string>> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const etags = new Map<string, string>();
    for await (const page of this.#catalog.streamEntities(
      { fields: ETAG_FIELDS },
      { credentials },
    )) {
      if (signal?.aborted) throw new Error('catalog change poll aborted');
      for (const entity of page) {
        etags.set(stringifyEntityRef(entity), entity.metadata.etag ?? '');
      }
    }
    return etags;
  }

  /** The etags in the stored catalog facts: what the plugin last collected, whichever replica did. */
  async #storedEtags(entityRefs: string[]) {
    const stored = new Map<string, string | undefined>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const facts = await this.#facts.getFacts(entityRefs.slice(i, i + 500));
      for (const [ref, entityFacts] of facts) {
        const metadata = entityFacts.catalog?.metadata;
        const etag =
          metadata && typeof metadata === 'object' && !Array.isArray(metadata)
            ? metadata.etag
            : undefined;
        // Like #etags: an entity without an etag is '' on both sides, so it is not new on every poll.
        if (entityFacts.catalog) {
          stored.set(ref, typeof etag === 'string' ? etag : '');
        }
      }
    }
    return stored;
  }
}
