import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import type {
  CollectedFacts,
  FactCollectionRequest,
  FactSource,
} from '@ratchet/backstage-plugin-maturity-node';
import type { ScmSettings } from './config';
import { FileReader } from './FileReader';
import { GithubApi } from './GithubApi';
import { HostGate, sleep as realSleep } from './HostGate';
import { scmFactsSchema } from './schema';
import { collectRepository, CollectionLog } from './collectRepository';
import { locateRepository } from './repository';

/** Options of the scm fact source. */
export interface ScmFactSourceOptions {
  settings: ScmSettings;
  urlReader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  /** The catalog, read with the module's own credentials. */
  catalog: Pick<CatalogService, 'streamEntities' | 'getEntitiesByRefs'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: LoggerService;
  /** GitHub credentials; by default from `integrations.github` (tokens or apps). */
  githubCredentials?: GithubCredentialsProvider;
  /** The clock (tests). */
  now?: () => Date;
  /** Waits for a rate limit to reset (tests inject one that records instead of waiting). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 24 },
  timeout: { hours: 1 },
  initialDelay: { minutes: 1 },
};

/** Entities collected at the same time; requests are bounded per host by the gate. */
const ENTITY_CONCURRENCY = 32;

/**
 * The `scm` fact source: files, package managers, dependencies, Dockerfile, CODEOWNERS and the
 * header-propagation library of every entity's repository, read through UrlReader with ETags, plus
 * GitHub-only facts through the REST API. An entity whose host fails keeps its stored facts.
 */
export class ScmFactSource implements FactSource {
  readonly id = 'scm';
  readonly mode = 'collect' as const;
  readonly title = 'Repositories';
  readonly description =
    'Files, package managers, dependencies, Dockerfile base image, CODEOWNERS, Dependabot alerts, pull requests';
  readonly schema: JsonObject;
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  readonly entityFilter: { kind: string[] };
  readonly #options: ScmFactSourceOptions;
  readonly #files: FileReader;
  readonly #github: GithubApi;
  #heads = new Map<string, string>();

  /** Creates the source. */
  static create(options: ScmFactSourceOptions): ScmFactSource {
    return new ScmFactSource(options);
  }

  private constructor(options: ScmFactSourceOptions) {
    this.#options = options;
    const { settings } = options;
    this.schema = scmFactsSchema(settings);
    this.schedule = settings.schedule ?? DEFAULT_SCHEDULE;
    this.entityFilter = { kind: settings.kinds };
    const now = () => (options.now?.() ?? new Date()).getTime();
    const gate = new HostGate({
      concurrency: settings.concurrency,
      maxWaitMs: settings.maxRateLimitWaitMs,
      now,
      sleep: options.sleep ?? realSleep,
    });
    this.#files = new FileReader({
      urlReader: options.urlReader,
      gate,
      requestTimeoutMs: settings.requestTimeoutMs,
      // GitHub asks for at least a minute when it gives no reset time.
      rateLimitBackoffMs: Math.min(60_000, settings.maxRateLimitWaitMs),
      maxWaitMs: settings.maxRateLimitWaitMs,
      maxFileBytes: settings.maxFileBytes,
      now,
    });
    this.#github = new GithubApi({
      gate,
      credentials:
        options.githubCredentials ??
        DefaultGithubCredentialsProvider.fromIntegrations(options.integrations),
      requestTimeoutMs: settings.requestTimeoutMs,
      now,
    });
  }

  /** Collects facts for every covered entity, or for the requested ones. */
  async collect(
    request: FactCollectionRequest = {},
  ): Promise<CollectedFacts[]> {
    const { settings, integrations, logger } = this.#options;
    const entities = await this.#entities(request.entityRefs);
    const fileRun = this.#files.startRun();
    const apiRun = this.#github.startRun();
    const log = new CollectionLog();
    // A full run starts a new map, so repositories that left the catalog are forgotten.
    const lastHeads = this.#heads;
    const nextHeads = request.entityRefs
      ? lastHeads
      : new Map<string, string>();
    const observedAt = this.#options.now?.() ?? new Date();
    const collected: CollectedFacts[] = [];
    let next = 0;
    const worker = async () => {
      while (next < entities.length) {
        request.signal?.throwIfAborted();
        const entity = entities[next++];
        const entityRef = stringifyEntityRef(entity);
        const location = locateRepository(
          entity,
          integrations,
          settings.projectSlugHost,
        );
        if (!location) {
          // No repository link: every scm fact is absent rather than stale.
          collected.push({ entityRef, facts: {}, observedAt });
          continue;
        }
        const facts = await collectRepository({
          entity,
          entityRef,
          location,
          settings,
          integrations,
          files: this.#files,
          github: this.#github,
          now: observedAt.getTime(),
          log,
          lastHeads,
          nextHeads,
          signal: request.signal,
        });
        if (facts) collected.push({ entityRef, facts, observedAt });
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(ENTITY_CONCURRENCY, entities.length) },
        worker,
      ),
    );
    log.report(logger);
    if (!request.entityRefs) {
      this.#heads = nextHeads;
      this.#files.prune(fileRun);
      this.#github.prune(apiRun);
    }
    return collected;
  }

  async #entities(entityRefs?: string[]): Promise<Entity[]> {
    const { catalog, auth, settings } = this.#options;
    const credentials = await auth.getOwnServiceCredentials();
    const fields = [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.annotations',
      'spec.owner',
    ];
    const kinds = new Set(
      settings.kinds.map(k => k.toLocaleLowerCase('en-US')),
    );
    if (entityRefs) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs, fields },
        { credentials },
      );
      return items.filter(
        (e): e is Entity => !!e && kinds.has(e.kind.toLocaleLowerCase('en-US')),
      );
    }
    const entities: Entity[] = [];
    for await (const page of catalog.streamEntities(
      { filter: { kind: settings.kinds }, fields },
      { credentials },
    )) {
      entities.push(...page);
    }
    return entities;
  }
}
