import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  ConfigurationOptions,
  CoreV1Api,
  Observable,
  PolicyV1Api,
  RequestContext,
  ResponseContext,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1ListMeta,
  V1Namespace,
  V1Pod,
  V1PodDisruptionBudget,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import {
  ExpiredContinueError,
  KubernetesRequestError,
  statusMessage,
} from './errors';
import { kubeConfigFor } from './kubeConfig';

export { KubernetesRequestError } from './errors';

/** What each listable resource holds. */
export interface KubernetesResourceItems {
  /** Namespaces (cluster-scoped). */
  namespaces: V1Namespace;
  /** Deployments. */
  deployments: V1Deployment;
  /** StatefulSets. */
  statefulsets: V1StatefulSet;
  /** DaemonSets. */
  daemonsets: V1DaemonSet;
  /** CronJobs. */
  cronjobs: V1CronJob;
  /** Jobs. */
  jobs: V1Job;
  /** Pods. */
  pods: V1Pod;
  /** PodDisruptionBudgets. */
  poddisruptionbudgets: V1PodDisruptionBudget;
  /** HorizontalPodAutoscalers (autoscaling/v2). */
  horizontalpodautoscalers: V2HorizontalPodAutoscaler;
}

/** Paging and timeout of a client. */
export interface KubernetesClientOptions {
  /** Items per list request (default 500). */
  pageSize?: number;
  /** Timeout of one request (default 30 s). */
  requestTimeoutMs?: number;
}

/** A resource the client can list. */
export type KubernetesResource = keyof KubernetesResourceItems;

/** How to list. */
export interface KubernetesListOptions {
  /** Only these namespaces (listed one by one); otherwise all namespaces. */
  namespaces?: string[];
  /** Namespaces to leave out (sent as a `metadata.namespace!=` field selector, and checked again here). */
  excludeNamespaces?: string[];
  /** A label selector, sent to the server. */
  labelSelector?: string;
  /** Aborts the listing. */
  signal?: AbortSignal;
}

type Page<T> = { items: Array<T>; metadata?: V1ListMeta };
type PageParams = {
  _continue?: string;
  limit: number;
  labelSelector?: string;
  fieldSelector?: string;
};
type Lister<T> = {
  all: (p: PageParams, o: ConfigurationOptions) => Promise<Page<T>>;
  namespaced?: (
    ns: string,
    p: PageParams,
    o: ConfigurationOptions,
  ) => Promise<Page<T>>;
};
type Listers = {
  [K in KubernetesResource]: Lister<KubernetesResourceItems[K]>;
};

/**
 * Reads one cluster with `@kubernetes/client-node`: every list is paginated with `limit`/`continue`, every
 * request has a timeout, a 410 Gone on a stale continue token restarts the list once from the beginning
 * (as client-go's pager does), and items are projected page by page so that only what the caller keeps
 * stays in memory. Shared by the entity provider and the Kubernetes fact source.
 */
export class KubernetesClusterClient {
  readonly cluster: ClusterDetails;
  readonly #listers: Listers;
  readonly #pageSize: number;
  readonly #timeoutMs: number;

  /** Creates a client for one cluster. */
  static create(
    cluster: ClusterDetails,
    credential: KubernetesCredential,
    options: KubernetesClientOptions = {},
  ): KubernetesClusterClient {
    return new KubernetesClusterClient(cluster, credential, options);
  }

  private constructor(
    cluster: ClusterDetails,
    credential: KubernetesCredential,
    options: KubernetesClientOptions,
  ) {
    this.cluster = cluster;
    this.#pageSize = options.pageSize ?? 500;
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    const kc = kubeConfigFor(cluster, credential);
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const batch = kc.makeApiClient(BatchV1Api);
    const policy = kc.makeApiClient(PolicyV1Api);
    const autoscaling = kc.makeApiClient(AutoscalingV2Api);
    this.#listers = {
      namespaces: { all: (p, o) => core.listNamespace(p, o) },
      pods: {
        all: (p, o) => core.listPodForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          core.listNamespacedPod({ namespace, ...p }, o),
      },
      deployments: {
        all: (p, o) => apps.listDeploymentForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          apps.listNamespacedDeployment({ namespace, ...p }, o),
      },
      statefulsets: {
        all: (p, o) => apps.listStatefulSetForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          apps.listNamespacedStatefulSet({ namespace, ...p }, o),
      },
      daemonsets: {
        all: (p, o) => apps.listDaemonSetForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          apps.listNamespacedDaemonSet({ namespace, ...p }, o),
      },
      cronjobs: {
        all: (p, o) => batch.listCronJobForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          batch.listNamespacedCronJob({ namespace, ...p }, o),
      },
      jobs: {
        all: (p, o) => batch.listJobForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          batch.listNamespacedJob({ namespace, ...p }, o),
      },
      poddisruptionbudgets: {
        all: (p, o) => policy.listPodDisruptionBudgetForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          policy.listNamespacedPodDisruptionBudget({ namespace, ...p }, o),
      },
      horizontalpodautoscalers: {
        all: (p, o) =>
          autoscaling.listHorizontalPodAutoscalerForAllNamespaces(p, o),
        namespaced: (namespace, p, o) =>
          autoscaling.listNamespacedHorizontalPodAutoscaler(
            { namespace, ...p },
            o,
          ),
      },
    };
  }

  /**
   * Lists a resource and projects every item as its page arrives; `project` returning undefined drops
   * the item. Throws {@link KubernetesRequestError} when any page fails: callers never see half a list.
   */
  async list<K extends KubernetesResource, R>(
    resource: K,
    options: KubernetesListOptions,
    project: (item: KubernetesResourceItems[K]) => R | undefined,
  ): Promise<R[]> {
    const lister = this.#listers[resource] as Lister<
      KubernetesResourceItems[K]
    >;
    const exclude = new Set(options.excludeNamespaces ?? []);
    const projectPage = (items: Array<KubernetesResourceItems[K]>) => {
      const out: R[] = [];
      for (const item of items) {
        const ns = item.metadata?.namespace;
        if (ns !== undefined && exclude.has(ns)) continue;
        const projected = project(item);
        if (projected !== undefined) out.push(projected);
      }
      return out;
    };
    if (options.namespaces && lister.namespaced) {
      const namespaced = lister.namespaced;
      const out: R[] = [];
      for (const ns of options.namespaces) {
        if (exclude.has(ns)) continue;
        const items = await this.#paginate(
          resource,
          options,
          (p, o) => namespaced(ns, p, o),
          projectPage,
        );
        out.push(...items);
      }
      return out;
    }
    const fieldSelector =
      [...exclude].map(ns => `metadata.namespace!=${ns}`).join(',') ||
      undefined;
    return this.#paginate(
      resource,
      options,
      (p, o) => lister.all({ ...p, fieldSelector }, o),
      projectPage,
    );
  }

  async #paginate<T, R>(
    resource: string,
    options: KubernetesListOptions,
    fetchPage: (p: PageParams, o: ConfigurationOptions) => Promise<Page<T>>,
    projectPage: (items: T[]) => R[],
  ): Promise<R[]> {
    const attempt = () =>
      this.#allPages(resource, options, fetchPage, projectPage);
    try {
      return await attempt();
    } catch (error) {
      // 410 on a continue token: the snapshot was compacted away; one fresh list gets a new one.
      if (!(error instanceof ExpiredContinueError)) throw error;
      try {
        return await attempt();
      } catch (again) {
        throw again instanceof ExpiredContinueError ? again.cause : again;
      }
    }
  }

  // Each attempt projects into its own array, so a list restarted after 410 never delivers twice and
  // only projected items, never raw pages, are held until the list completes.
  async #allPages<T, R>(
    resource: string,
    options: KubernetesListOptions,
    fetchPage: (p: PageParams, o: ConfigurationOptions) => Promise<Page<T>>,
    projectPage: (items: T[]) => R[],
  ): Promise<R[]> {
    const out: R[] = [];
    let token: string | undefined;
    do {
      const params: PageParams = {
        limit: this.#pageSize,
        _continue: token,
        labelSelector: options.labelSelector,
      };
      let page: Page<T>;
      try {
        page = await this.#request(resource, options.signal, o =>
          fetchPage(params, o),
        );
      } catch (error) {
        const expired =
          error instanceof KubernetesRequestError && error.status === 410;
        throw expired && params._continue
          ? new ExpiredContinueError(error as KubernetesRequestError)
          : error;
      }
      for (const item of projectPage(page.items)) out.push(item);
      token = page.metadata?._continue || undefined;
    } while (token);
    return out;
  }

  async #request<T>(
    resource: string,
    signal: AbortSignal | undefined,
    call: (options: ConfigurationOptions) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const middleware = {
      pre: (ctx: RequestContext) => {
        ctx.setSignal(controller.signal);
        return new Observable(Promise.resolve(ctx));
      },
      post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
    };
    try {
      return await call({
        middleware: [middleware],
        middlewareMergeStrategy: 'append',
      });
    } catch (error) {
      throw this.#describe(
        resource,
        error,
        controller.signal.aborted && !signal?.aborted,
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #describe(
    resource: string,
    error: unknown,
    timedOut: boolean,
  ): KubernetesRequestError {
    const name = this.cluster.name;
    if (timedOut) {
      return new KubernetesRequestError(
        name,
        `cluster ${name}: listing ${resource} timed out after ${
          this.#timeoutMs
        } ms`,
      );
    }
    if (error instanceof ApiException) {
      const status = Number(error.code);
      return new KubernetesRequestError(
        name,
        `cluster ${name}: listing ${resource} failed with HTTP ${status}${statusMessage(
          status,
          error.body,
        )}`,
        status,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new KubernetesRequestError(
      name,
      `cluster ${name}: listing ${resource} failed: ${message}`,
    );
  }
}
