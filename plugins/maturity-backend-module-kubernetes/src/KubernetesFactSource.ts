import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  authProviderOf,
  CLIENT_SIDE_AUTH_PROVIDERS,
  KubernetesClusterAccess,
  mapWithConcurrency,
  selectClusters,
  WorkloadLink,
  workloadLinkOf,
} from '@ratchet/backstage-plugin-kubernetes-node';
import type {
  CollectedFacts,
  FactCollectionRequest,
  FactSource,
} from '@ratchet/backstage-plugin-maturity-node';
import {
  computeFacts,
  KUBERNETES_FACTS_SCHEMA,
  linkedWorkloads,
  observe,
  ObservedCluster,
} from './facts';
import { PodRestarts, RestartHistory } from './RestartHistory';
import { ClusterSnapshot, readSnapshot } from './snapshot';

/** Options of the Kubernetes fact source. */
export interface KubernetesFactSourceOptions {
  /** Clusters and credentials (Backstage's cluster suppliers and auth strategies). */
  access: KubernetesClusterAccess;
  /** Cluster names to read (`maturity.kubernetes.clusters`); all located clusters when undefined. */
  clusters?: string[];
  /** The catalog, read with the module's own credentials. */
  catalog: CatalogService;
  /** Credentials. */
  auth: AuthService;
  /** Logger. */
  logger: LoggerService;
  /** Collection schedule. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /** Items per list request. */
  pageSize?: number;
  /** Timeout of one request. */
  requestTimeoutMs?: number;
  /** Clusters read at the same time. */
  concurrency?: number;
  /** The clock (tests). */
  now?: () => Date;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/**
 * The `kubernetes` fact source: replicas, resources, probes, PodDisruptionBudget, autoscaler, pinned
 * images, restarts and OOM kills of the workloads each entity links to, over every configured cluster.
 * A cluster that fails contributes its last good snapshot; an entity whose workloads cannot be known is
 * left out of the collection, so its stored facts stay as they were.
 */
export class KubernetesFactSource implements FactSource {
  readonly id = 'kubernetes';
  readonly mode = 'collect' as const;
  readonly title = 'Kubernetes workloads';
  readonly description =
    'Replicas, requests and limits, probes, PodDisruptionBudgets, autoscalers, pinned images, restarts and OOM kills';
  readonly schema = KUBERNETES_FACTS_SCHEMA;
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  readonly #options: KubernetesFactSourceOptions;
  readonly #history = new RestartHistory();
  readonly #cache = new Map<string, ObservedCluster>();

  /** Creates the source. */
  static create(options: KubernetesFactSourceOptions): KubernetesFactSource {
    return new KubernetesFactSource(options);
  }

  private constructor(options: KubernetesFactSourceOptions) {
    this.#options = options;
    this.schedule = options.schedule ?? DEFAULT_SCHEDULE;
  }

  /** Collects facts for every linked entity, or for the requested ones. */
  async collect(
    request: FactCollectionRequest = {},
  ): Promise<CollectedFacts[]> {
    const linked = await this.#linkedEntities(request.entityRefs);
    if (linked.length === 0) return [];
    const now = this.#options.now?.() ?? new Date();
    const { clusters, unavailable } = await this.#observe(now, request.signal);
    const collected: CollectedFacts[] = [];
    for (const { entityRef, link } of linked) {
      const workloads = linkedWorkloads(link, clusters);
      if (workloads.length) {
        collected.push({
          entityRef,
          facts: computeFacts(workloads, clusters),
          observedAt: now,
        });
      } else if (unavailable.length === 0) {
        // Runs in no cluster: only `found: false`, so no other kubernetes.* fact stays stale.
        collected.push({ entityRef, facts: { found: false }, observedAt: now });
      }
    }
    return collected;
  }

  async #linkedEntities(entityRefs?: string[]) {
    const credentials = await this.#options.auth.getOwnServiceCredentials();
    const wanted =
      entityRefs && new Set(entityRefs.map(r => r.toLocaleLowerCase('en-US')));
    const linked: Array<{ entityRef: string; link: WorkloadLink }> = [];
    for await (const page of this.#options.catalog.streamEntities(
      {
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        const entityRef = stringifyEntityRef(entity);
        if (wanted && !wanted.has(entityRef.toLocaleLowerCase('en-US')))
          continue;
        try {
          const link = workloadLinkOf(entity);
          if (link) linked.push({ entityRef, link });
        } catch (error) {
          this.#options.logger.warn(
            `Ignoring ${entityRef}: invalid backstage.io/kubernetes-label-selector: ${error}`,
            { entityRef },
          );
        }
      }
    }
    return linked;
  }

  async #locate() {
    const located = await this.#options.access.getClusters();
    const names = this.#options.clusters;
    const { clusters, missing } = selectClusters(
      located,
      names,
      'maturity.kubernetes.clusters',
    );
    for (const m of missing)
      this.#options.logger.warn(`Kubernetes facts: ${m.error}`);
    // Without names, clusters only readable with a signed-in user's token are not ours to read.
    const usable = names
      ? clusters
      : clusters.filter(
          c => !CLIENT_SIDE_AUTH_PROVIDERS.has(authProviderOf(c)),
        );
    return { clusters: usable, missing: missing.map(m => m.name) };
  }

  async #observe(now: Date, signal?: AbortSignal) {
    const located = await this.#locate();
    const unavailable: string[] = [...located.missing];
    const results = await mapWithConcurrency(
      located.clusters,
      this.#options.concurrency ?? 3,
      async (cluster): Promise<ObservedCluster | undefined> => {
        let snapshot: ClusterSnapshot;
        try {
          const client = await this.#options.access.client(cluster, {
            pageSize: this.#options.pageSize,
            requestTimeoutMs: this.#options.requestTimeoutMs,
          });
          snapshot = await readSnapshot(client, signal);
        } catch (error) {
          const cached = this.#cache.get(cluster.name);
          this.#options.logger.warn(
            `Kubernetes facts: ${error}; ${
              cached
                ? 'using its last good snapshot'
                : 'entities it may run are left unchanged'
            }`,
            { cluster: cluster.name },
          );
          if (!cached) unavailable.push(cluster.name);
          return cached;
        }
        const restarts = new Map<string, PodRestarts>();
        for (const pod of snapshot.pods) {
          restarts.set(pod.uid, this.#history.observe(cluster.name, pod, now));
        }
        const observed = observe(snapshot, restarts);
        this.#cache.set(cluster.name, observed);
        return observed;
      },
    );
    this.#history.prune(now);
    return {
      clusters: results.filter((c): c is ObservedCluster => c !== undefined),
      unavailable,
    };
  }
}
