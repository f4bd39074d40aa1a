import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Namespace,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type {
  KubernetesClusterClient,
  KubernetesResource,
} from '@ratchet/backstage-plugin-kubernetes-node';
import type { KubernetesProviderConfig } from './config';
import {
  annotationKeysOf,
  IGNORE_ANNOTATION,
  mapWorkload,
  MappedWorkload,
  NamespaceRecord,
  WorkloadKind,
  WorkloadRecord,
} from './mapping';

/** A workload that was read but produces no entity, and why. */
export interface SkippedWorkload {
  /** Cluster name. */
  cluster: string;
  /** Namespace. */
  namespace: string;
  /** Kind. */
  kind: WorkloadKind;
  /** Workload name. */
  name: string;
  /** Why it was skipped. */
  reason: string;
}

/** Everything one cluster contributed to a sync. */
export interface ClusterRead {
  /** Cluster name. */
  cluster: string;
  /** Mapped workloads. */
  workloads: MappedWorkload[];
  /** Workloads whose name rules give no valid entity name. */
  invalid: SkippedWorkload[];
  /**
   * How many workloads opted out with `ratchet.dev/ignore` (on themselves or their namespace). Only counted:
   * an opted-out workload is not listed anywhere, not even in the preview.
   */
  optedOut: number;
}

type WorkloadResource = Extract<
  KubernetesResource,
  'deployments' | 'statefulsets' | 'daemonsets' | 'cronjobs'
>;

const RESOURCE_OF: Record<WorkloadKind, WorkloadResource> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  CronJob: 'cronjobs',
};

type AnyWorkload = V1Deployment | V1StatefulSet | V1DaemonSet | V1CronJob;

function pick(source: Record<string, string> | undefined, keys: Set<string>) {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = source?.[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function podTemplateOf(kind: WorkloadKind, item: AnyWorkload) {
  const template =
    kind === 'CronJob'
      ? (item as V1CronJob).spec?.jobTemplate.spec?.template
      : (item as V1Deployment).spec?.template;
  return {
    labels: template?.metadata?.labels,
    selector:
      kind === 'CronJob'
        ? undefined
        : (item as V1Deployment).spec?.selector.matchLabels,
    images: (template?.spec?.containers ?? [])
      .map(c => c.image)
      .filter((i): i is string => Boolean(i)),
  };
}

const HELM_RELEASE_ANNOTATION = 'meta.helm.sh/release-name';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';

const isTrue = (value: string | undefined) =>
  value?.toLocaleLowerCase('en-US') === 'true';

/**
 * Reads one cluster for a provider: its namespaces (for namespace owners and opt-outs), then each
 * configured workload kind, mapping every item as its page arrives. Any failed request fails the whole
 * cluster — a partial read must never look like deleted workloads.
 */
export async function readCluster(
  config: KubernetesProviderConfig,
  client: KubernetesClusterClient,
  signal?: AbortSignal,
): Promise<ClusterRead> {
  const cluster = client.cluster;
  const keys = annotationKeysOf(config.mapping);
  const namespaces = new Map<string, NamespaceRecord>(
    await client.list('namespaces', { signal }, (ns: V1Namespace) =>
      ns.metadata?.name
        ? ([
            ns.metadata.name,
            {
              labels: ns.metadata.labels ?? {},
              annotations: pick(ns.metadata.annotations, keys.namespace),
            },
          ] as const)
        : undefined,
    ),
  );
  const workloads: MappedWorkload[] = [];
  const invalid: SkippedWorkload[] = [];
  let optedOut = 0;
  for (const kind of config.kinds) {
    const records = await client.list(
      RESOURCE_OF[kind],
      {
        signal,
        namespaces: config.includeNamespaces,
        excludeNamespaces: config.excludeNamespaces,
        labelSelector: config.labelSelector,
      },
      (item: AnyWorkload): WorkloadRecord | undefined => {
        const meta = item.metadata;
        if (!meta?.name) return undefined;
        const template = podTemplateOf(kind, item);
        return {
          cluster: cluster.name,
          kind,
          name: meta.name,
          namespace: meta.namespace ?? 'default',
          labels: meta.labels ?? {},
          annotations: pick(meta.annotations, keys.workload),
          podLabels: template.labels ?? {},
          selector: template.selector ?? {},
          images: template.images,
          helmRelease:
            meta.annotations?.[HELM_RELEASE_ANNOTATION] ??
            meta.labels?.[INSTANCE_LABEL] ??
            template.labels?.[INSTANCE_LABEL],
        };
      },
    );
    for (const record of records) {
      const ns = namespaces.get(record.namespace);
      if (
        isTrue(record.annotations[IGNORE_ANNOTATION]) ||
        isTrue(ns?.annotations[IGNORE_ANNOTATION]) ||
        isTrue(ns?.labels[IGNORE_ANNOTATION])
      ) {
        optedOut++;
        continue;
      }
      const mapped = mapWorkload(config.mapping, record, ns);
      if (mapped) workloads.push(mapped);
      else
        invalid.push({
          cluster: cluster.name,
          namespace: record.namespace,
          kind,
          name: record.name,
          reason: 'the name rules give no valid entity name',
        });
    }
  }
  return { cluster: cluster.name, workloads, invalid, optedOut };
}
