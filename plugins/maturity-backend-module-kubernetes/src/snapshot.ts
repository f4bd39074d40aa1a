import type {
  V1Container,
  V1ContainerStatus,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1PodSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';
import {
  KubernetesClusterClient,
  StructuredLabelSelector,
} from '@ratchet/backstage-plugin-kubernetes-node';

/** Workload kinds the facts cover, in the order `kubernetes.workload.kind` prefers them. */
export const FACT_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'Job',
] as const;

/** A workload kind the facts cover. */
export type FactKind = (typeof FACT_KINDS)[number];

/** What the facts need of one container of a pod template. */
export interface ContainerInfo {
  /** Image reference. */
  image: string;
  /** CPU and memory requests are both set. */
  requests: boolean;
  /** A memory limit is set. */
  memoryLimit: boolean;
  /** A liveness probe is defined. */
  liveness: boolean;
  /** A readiness probe is defined. */
  readiness: boolean;
}

/** One workload, reduced to what the facts need. */
export interface WorkloadInfo {
  /** Cluster name. */
  cluster: string;
  /** Kind. */
  kind: FactKind;
  /** Namespace. */
  namespace: string;
  /** Name. */
  name: string;
  /** Labels of the workload (what entities link to). */
  labels: Record<string, string>;
  /** Labels of its pods. */
  podLabels: Record<string, string>;
  /** Selects its pods. */
  selector: StructuredLabelSelector;
  /** spec.replicas (Deployments and StatefulSets). */
  desired?: number;
  /** status.readyReplicas (Deployments and StatefulSets). */
  ready?: number;
  /** Its containers (init containers excluded). */
  containers: ContainerInfo[];
}

/** A container termination as the pod status reports it. */
export interface TerminationInfo {
  /** `OOMKilled`, `Error`, `Completed`… */
  reason?: string;
  /** When it ended. */
  finishedAt?: Date;
}

/** One pod, reduced to what the restart and OOM facts need. */
export interface PodInfo {
  /** Namespace. */
  namespace: string;
  /** Name. */
  name: string;
  /** uid (name when absent). */
  uid: string;
  /** Labels. */
  labels: Record<string, string>;
  /** When the pod started. */
  startedAt?: Date;
  /** Per container: restart count and the terminations the status shows. */
  containers: Array<{
    name: string;
    restartCount: number;
    terminations: TerminationInfo[];
  }>;
}

/** Everything the facts read from one cluster. */
export interface ClusterSnapshot {
  /** Cluster name. */
  cluster: string;
  /** Workloads. */
  workloads: WorkloadInfo[];
  /** Pods. */
  pods: PodInfo[];
  /** PodDisruptionBudgets: namespace and selector. */
  pdbs: Array<{ namespace: string; selector: StructuredLabelSelector }>;
  /** HorizontalPodAutoscalers: namespace and target. */
  hpas: Array<{ namespace: string; kind: string; name: string }>;
}

function containers(spec: V1PodSpec | undefined): ContainerInfo[] {
  return (spec?.containers ?? []).map((c: V1Container) => ({
    image: c.image ?? '',
    requests:
      c.resources?.requests?.cpu !== undefined &&
      c.resources?.requests?.memory !== undefined,
    memoryLimit: c.resources?.limits?.memory !== undefined,
    liveness: c.livenessProbe !== undefined,
    readiness: c.readinessProbe !== undefined,
  }));
}

function terminations(status: V1ContainerStatus): TerminationInfo[] {
  return [status.lastState?.terminated, status.state?.terminated]
    .filter(t => t !== undefined)
    .map(t => ({ reason: t!.reason, finishedAt: t!.finishedAt }));
}

type Scaled = V1Deployment | V1StatefulSet | V1DaemonSet;

/**
 * Reads one cluster: workloads of every kind, pods, PodDisruptionBudgets and HorizontalPodAutoscalers,
 * each reduced page by page to what the facts use.
 */
export async function readSnapshot(
  client: KubernetesClusterClient,
  signal?: AbortSignal,
): Promise<ClusterSnapshot> {
  const cluster = client.cluster.name;
  const base = (
    kind: FactKind,
    meta:
      | { name?: string; namespace?: string; labels?: Record<string, string> }
      | undefined,
  ) => ({
    cluster,
    kind,
    name: meta?.name ?? '',
    namespace: meta?.namespace ?? 'default',
    labels: meta?.labels ?? {},
  });
  const scaled =
    (kind: 'Deployment' | 'StatefulSet' | 'DaemonSet') =>
    (w: Scaled): WorkloadInfo => {
      const podLabels = w.spec?.template.metadata?.labels ?? {};
      const replicas =
        kind === 'DaemonSet'
          ? undefined
          : (w as V1Deployment).spec?.replicas ?? 1;
      return {
        ...base(kind, w.metadata),
        podLabels,
        selector: w.spec?.selector ?? { matchLabels: podLabels },
        ...(replicas !== undefined && {
          desired: replicas,
          ready: (w as V1Deployment).status?.readyReplicas ?? 0,
        }),
        containers: containers(w.spec?.template.spec),
      };
    };
  const options = { signal };
  const workloads = [
    ...(await client.list('deployments', options, scaled('Deployment'))),
    ...(await client.list('statefulsets', options, scaled('StatefulSet'))),
    ...(await client.list('daemonsets', options, scaled('DaemonSet'))),
    ...(await client.list('cronjobs', options, (c: V1CronJob): WorkloadInfo => {
      const template = c.spec?.jobTemplate.spec?.template;
      const podLabels = template?.metadata?.labels ?? {};
      return {
        ...base('CronJob', c.metadata),
        podLabels,
        selector: { matchLabels: podLabels },
        containers: containers(template?.spec),
      };
    })),
    // Jobs a CronJob created belong to the CronJob; only standalone Jobs are workloads of their own.
    ...(await client.list(
      'jobs',
      options,
      (j: V1Job): WorkloadInfo | undefined => {
        if (j.metadata?.ownerReferences?.some(o => o.kind === 'CronJob'))
          return undefined;
        const podLabels = j.spec?.template.metadata?.labels ?? {};
        return {
          ...base('Job', j.metadata),
          podLabels,
          selector: { matchLabels: podLabels },
          containers: containers(j.spec?.template.spec),
        };
      },
    )),
  ].filter(w => w.name);
  const pods = await client.list(
    'pods',
    options,
    (p: V1Pod): PodInfo => ({
      namespace: p.metadata?.namespace ?? 'default',
      name: p.metadata?.name ?? '',
      uid: p.metadata?.uid ?? p.metadata?.name ?? '',
      labels: p.metadata?.labels ?? {},
      startedAt: p.status?.startTime ?? p.metadata?.creationTimestamp,
      containers: (p.status?.containerStatuses ?? []).map(s => ({
        name: s.name,
        restartCount: s.restartCount ?? 0,
        terminations: terminations(s),
      })),
    }),
  );
  const pdbs = await client.list('poddisruptionbudgets', options, pdb => ({
    namespace: pdb.metadata?.namespace ?? 'default',
    selector: pdb.spec?.selector ?? {},
  }));
  const hpas = await client.list('horizontalpodautoscalers', options, hpa => ({
    namespace: hpa.metadata?.namespace ?? 'default',
    kind: hpa.spec?.scaleTargetRef.kind ?? '',
    name: hpa.spec?.scaleTargetRef.name ?? '',
  }));
  return { cluster, workloads, pods, pdbs, hpas };
}
