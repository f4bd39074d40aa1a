import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KubernetesClusterClient,
  KubernetesClusterDetails,
  mapWithConcurrency,
  parseLabelSelector,
} from '@ratchet/backstage-plugin-catalog-backend-module-kubernetes';
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
  WorkloadLink,
} from './facts';
import { PodRestarts, RestartHistory } from './RestartHistory';
import { ClusterSnapshot, readSnapshot } from './snapshot';

/** Options of the Kubernetes fact source. */
export interface KubernetesFactSourceOptions {
  /** Clusters to read. */
  clusters: KubernetesClusterDetails[];
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

/** Reads an entity's link to its workloads; undefined for entities without Kubernetes annotations. */
export function workloadLinkOf(entity: Entity): WorkloadLink | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const namespace =
    annotations['backstage.io/kubernetes-namespace'] || undefined;
  const selector = annotations['backstage.io/kubernetes-label-selector'];
  // The Kubernetes plugin prefers the label selector when an entity has both.
  if (selector)
    return { requirements: parseLabelSelector(selector), namespace };
  const id = annotations['backstage.io/kubernetes-id'];
  if (!id) return undefined;
  return {
    requirements: [
      { key: 'backstage.io/kubernetes-id', operator: 'In', values: [id] },
    ],
    namespace,
  };
}

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
        // Runs in no cluster: empty facts make every kubernetes.* fact absent instead of stale.
        collected.push({ entityRef, facts: {}, observedAt: now });
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
          );
        }
      }
    }
    return linked;
  }

  async #observe(now: Date, signal?: AbortSignal) {
    const unavailable: string[] = [];
    const results = await mapWithConcurrency(
      this.#options.clusters,
      this.#options.concurrency ?? 3,
      async (cluster): Promise<ObservedCluster | undefined> => {
        let snapshot: ClusterSnapshot;
        try {
          const client = KubernetesClusterClient.create(cluster, {
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
