import { createHash } from 'node:crypto';
import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  authProviderOf,
  CLIENT_SIDE_AUTH_PROVIDERS,
  DefaultKubernetesClusterAccess,
  KubernetesClusterAccess,
  mapWithConcurrency,
  selectClusters,
} from '@ratchet/backstage-plugin-kubernetes-node';
import { CatalogLookup, CatalogView } from './catalogView';
import { ANNOTATIONS } from './entities';
import { KubernetesProviderConfig, readProviderConfigs } from './config';
import { ClusterOutcome, planSync, SyncCluster } from './plan';
import { ClusterRead, readCluster } from './read';
import type { SyncReport } from './report';

/** What the provider needs besides its config. */
export interface KubernetesEntityProviderDeps {
  /** Logger. */
  logger: LoggerService;
  /** Creates the task runner from the configured schedule. */
  scheduler?: SchedulerService;
  /** A task runner to use instead of the configured schedule (tests). */
  schedule?: SchedulerServiceTaskRunner;
  /** The catalog, for the coexistence check and the restart fallback. */
  catalog?: CatalogService;
  /** Credentials of the module for the catalog calls. */
  auth?: AuthService;
  /** Clusters and credentials; by default Backstage's cluster suppliers and auth strategies over `config`. */
  access?: KubernetesClusterAccess;
}

/**
 * Syncs Deployments, StatefulSets, DaemonSets and CronJobs of the configured clusters into the catalog as
 * Components, one provider per `catalog.providers.kubernetes.<id>`. Each refresh applies a full mutation;
 * a cluster that fails keeps its last good entities, so an error never empties the catalog.
 */
export class KubernetesEntityProvider implements EntityProvider {
  readonly #config: KubernetesProviderConfig;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #lookup?: CatalogLookup;
  readonly #access: KubernetesClusterAccess;
  readonly #skippedAuth = new Set<string>();
  readonly #cache = new Map<string, ClusterRead>();
  #emitted = new Map<string, string>();
  #view?: CatalogView;
  #connection?: EntityProviderConnection;
  #lastReport?: SyncReport;

  /** One provider per `catalog.providers.kubernetes.<id>` block. */
  static fromConfig(
    config: Config,
    deps: KubernetesEntityProviderDeps,
  ): KubernetesEntityProvider[] {
    const configs = readProviderConfigs(config);
    const access =
      deps.access ??
      (configs.length
        ? DefaultKubernetesClusterAccess.create({ ...deps, config })
        : undefined);
    return configs.map(providerConfig => {
      const taskRunner =
        deps.schedule ??
        deps.scheduler?.createScheduledTaskRunner(providerConfig.schedule);
      if (!taskRunner) {
        throw new Error(
          'KubernetesEntityProvider needs a scheduler or a schedule',
        );
      }
      return new KubernetesEntityProvider(
        providerConfig,
        { ...deps, access: access! },
        taskRunner,
      );
    });
  }

  private constructor(
    config: KubernetesProviderConfig,
    deps: KubernetesEntityProviderDeps & { access: KubernetesClusterAccess },
    taskRunner: SchedulerServiceTaskRunner,
  ) {
    this.#config = config;
    this.#access = deps.access;
    this.#taskRunner = taskRunner;
    this.#logger = deps.logger.child({ target: this.getProviderName() });
    if (deps.catalog && deps.auth) {
      this.#lookup = new CatalogLookup(
        deps.catalog,
        deps.auth,
        this.getProviderName(),
      );
    } else {
      this.#logger.warn(
        'No catalog service given: Components from catalog-info.yaml are not checked for name clashes',
      );
    }
  }

  /** `kubernetes:<id>`; also the location key of every emitted entity. */
  getProviderName(): string {
    return `kubernetes:${this.#config.id}`;
  }

  /** The validated configuration. */
  get config(): KubernetesProviderConfig {
    return this.#config;
  }

  /** The report of the last applied sync, if any. */
  get lastReport(): SyncReport | undefined {
    return this.#lastReport;
  }

  /** Schedules `refresh()` on the configured schedule. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async signal => {
        try {
          await this.refresh(signal);
        } catch (error) {
          this.#logger.error(
            `${this.getProviderName()} refresh failed: ${error}`,
          );
        }
      },
    });
  }

  /** Reads every cluster and applies a full mutation; returns what it did. */
  async refresh(signal?: AbortSignal): Promise<SyncReport> {
    if (!this.#connection)
      throw new Error(`${this.getProviderName()} is not connected`);
    const report = await this.#sync(false, signal);
    this.#lastReport = report;
    return report;
  }

  /** What a sync would apply right now, without applying it or updating the per-cluster cache. */
  async preview(signal?: AbortSignal): Promise<SyncReport> {
    return this.#sync(true, signal);
  }

  async #sync(dryRun: boolean, signal?: AbortSignal): Promise<SyncReport> {
    const started = Date.now();
    const outcomes = await this.#readClusters(dryRun, signal);
    const view = await this.#readView();
    const { entities, report } = planSync(
      this.#config,
      this.getProviderName(),
      outcomes,
      view.foreign,
      view.repositories,
    );
    const emitted = new Map(
      entities.map(e => [stringifyEntityRef(e), hash(e)]),
    );
    const counts = { ...report.counts, ...diff(this.#emitted, emitted) };
    if (!dryRun) {
      await this.#connection!.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
          entity,
          locationKey: this.getProviderName(),
        })),
      });
      this.#emitted = emitted;
    }
    const full: SyncReport = {
      ...report,
      counts,
      dryRun,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    };
    if (!dryRun) this.#log(full);
    return full;
  }

  // Located clusters, narrowed to the configured names; a background sync cannot use the signed-in
  // user's token, so unnamed clusters with client-side auth are left out (named ones fail loudly).
  async #locate(): Promise<{
    clusters: Awaited<ReturnType<KubernetesClusterAccess['getClusters']>>;
    missing: Array<{ name: string; error: string }>;
  }> {
    const located = await this.#access.getClusters();
    const path = `catalog.providers.kubernetes.${this.#config.id}.clusters`;
    const selected = selectClusters(located, this.#config.clusters, path);
    if (this.#config.clusters) return selected;
    const usable = selected.clusters.filter(c => {
      const provider = authProviderOf(c);
      if (!CLIENT_SIDE_AUTH_PROVIDERS.has(provider)) return true;
      if (!this.#skippedAuth.has(c.name)) {
        this.#skippedAuth.add(c.name);
        this.#logger.warn(
          `Cluster ${c.name} is skipped: auth provider '${provider}' needs a signed-in user`,
        );
      }
      return false;
    });
    return { clusters: usable, missing: [] };
  }

  async #readClusters(
    dryRun: boolean,
    signal?: AbortSignal,
  ): Promise<ClusterOutcome[]> {
    const { clusters, missing } = await this.#locate();
    if (clusters.length + missing.length === 0) {
      // Applying an empty full mutation would delete every entity this provider emitted.
      throw new Error(
        'kubernetes.clusterLocatorMethods located no cluster; nothing applied',
      );
    }
    const failed = (
      cluster: SyncCluster,
      error: unknown,
      durationMs: number,
    ): ClusterOutcome => {
      const cached = this.#cache.get(cluster.name);
      return {
        cluster,
        error: error instanceof Error ? error : new Error(String(error)),
        durationMs,
        fallback: cached ? { from: 'cache', read: cached } : undefined,
      };
    };
    const read = await mapWithConcurrency(
      clusters,
      this.#config.concurrency,
      async (details): Promise<ClusterOutcome> => {
        const t0 = Date.now();
        const cluster = { name: details.name, url: details.url };
        try {
          const client = await this.#access.client(details, {
            pageSize: this.#config.pageSize,
            requestTimeoutMs: this.#config.requestTimeoutMs,
          });
          const result = await readCluster(this.#config, client, signal);
          if (!dryRun) this.#cache.set(cluster.name, result);
          return { cluster, read: result, durationMs: Date.now() - t0 };
        } catch (error) {
          return failed(cluster, error, Date.now() - t0);
        }
      },
    );
    const outcomes = [
      ...read,
      ...missing.map(m => failed({ name: m.name, url: '' }, m.error, 0)),
    ];
    const uncached = outcomes.filter(o => 'error' in o && !o.fallback);
    if (uncached.length === 0) return outcomes;
    // A cluster failing before this process ever read it: its entities from before the restart are in the
    // catalog. Without that fallback the sync is not applied, rather than dropping them.
    if (!this.#lookup) {
      throw new Error(
        `clusters ${uncached
          .map(o => o.cluster.name)
          .join(
            ', ',
          )} failed before a first good read and there is no catalog to keep their entities from; nothing applied`,
      );
    }
    const own = await this.#lookup.ownEntitiesOf(
      uncached.map(o => o.cluster.name),
    );
    return outcomes.map(o => {
      if (!('error' in o) || o.fallback) return o;
      const entities = own.filter(e =>
        (e.metadata.annotations?.[ANNOTATIONS.clusters] ?? '')
          .split(',')
          .includes(o.cluster.name),
      );
      return entities.length
        ? { ...o, fallback: { from: 'catalog', entities } }
        : o;
    });
  }

  async #readView(): Promise<CatalogView> {
    if (!this.#lookup) return { foreign: new Map(), repositories: new Map() };
    try {
      this.#view = await this.#lookup.view();
    } catch (error) {
      // Without knowing what catalog-info.yaml already declares, emitting could claim its names.
      if (!this.#view) {
        throw new Error(
          `cannot read the catalog for the coexistence check: ${error}`,
        );
      }
      this.#logger.warn(
        `Catalog unavailable, using the previous coexistence check: ${error}`,
      );
    }
    return this.#view;
  }

  #log(report: SyncReport) {
    const { counts } = report;
    const ok = report.clusters.filter(c => c.status === 'ok').length;
    for (const c of report.clusters.filter(x => x.status === 'failed')) {
      this.#logger.warn(
        `Cluster ${c.cluster} failed; ${
          c.fallback === 'none'
            ? 'nothing to keep'
            : `kept its last good entities (from the ${c.fallback})`
        }: ${c.error}`,
        { cluster: c.cluster, fallback: c.fallback ?? 'none' },
      );
    }
    this.#logger.info(
      `Synced ${counts.entities} entities from ${ok}/${report.clusters.length} clusters in ${report.durationMs} ms: ` +
        `${counts.added} added, ${counts.updated} updated, ${counts.removed} removed, ${counts.kept} kept; ` +
        `${counts.unowned} unowned, ${counts.conflicts} name clashes, ${counts.optedOut} opted out`,
      {
        ...counts,
        durationMs: report.durationMs,
        clusters: report.clusters
          .map(
            c =>
              `${c.cluster}: ${c.status} (${c.workloads} workloads, ${c.durationMs} ms)`,
          )
          .join('; '),
      },
    );
  }
}

function hash(entity: Entity): string {
  return createHash('sha1').update(JSON.stringify(entity)).digest('base64');
}

function diff(before: Map<string, string>, after: Map<string, string>) {
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [ref, h] of after) {
    const previous = before.get(ref);
    if (previous === undefined) added++;
    else if (previous === h) unchanged++;
    else updated++;
  }
  let removed = 0;
  for (const ref of before.keys()) if (!after.has(ref)) removed++;
  return { added, updated, removed, unchanged };
}
