import type { JsonObject } from '@backstage/types';
import {
  indexByKubernetesId,
  matchWorkloads,
  structuredSelects,
  WorkloadLink,
} from '@ratchet/backstage-plugin-kubernetes-node';
import type { PodRestarts } from './RestartHistory';
import { ClusterSnapshot, FACT_KINDS, PodInfo, WorkloadInfo } from './snapshot';

/** A cluster snapshot with the 24 h counts of each of its pods. */
export interface ObservedCluster {
  /** The snapshot. */
  snapshot: ClusterSnapshot;
  /** Counts per pod uid. */
  restarts: Map<string, PodRestarts>;
  /** Pods per namespace (built once: every entity looks its pods up here). */
  podsByNamespace: Map<string, PodInfo[]>;
  /** Workloads per `backstage.io/kubernetes-id` label, the common way entities link. */
  workloadsById: Map<string, WorkloadInfo[]>;
}

/** Indexes a snapshot for the per-entity lookups. */
export function observe(
  snapshot: ClusterSnapshot,
  restarts: Map<string, PodRestarts>,
): ObservedCluster {
  const podsByNamespace = new Map<string, PodInfo[]>();
  for (const pod of snapshot.pods) {
    const list = podsByNamespace.get(pod.namespace);
    if (list) list.push(pod);
    else podsByNamespace.set(pod.namespace, [pod]);
  }
  const workloadsById = indexByKubernetesId(snapshot.workloads);
  return { snapshot, restarts, podsByNamespace, workloadsById };
}

/** JSON Schema (draft-07) of the `kubernetes` facts of one entity. */
export const KUBERNETES_FACTS_SCHEMA: JsonObject = {
  type: 'object',
  properties: {
    found: {
      type: 'boolean',
      description:
        'The entity links to at least one workload in a cluster (false: linked by its annotations, running nowhere)',
    },
    workload: {
      type: 'object',
      properties: { kind: { type: 'string', enum: [...FACT_KINDS] } },
    },
    replicas: {
      type: 'object',
      properties: { desired: { type: 'integer' }, ready: { type: 'integer' } },
    },
    resources: {
      type: 'object',
      properties: {
        requestsSet: { type: 'boolean' },
        limitsSet: { type: 'boolean' },
      },
    },
    probes: {
      type: 'object',
      properties: {
        liveness: { type: 'boolean' },
        readiness: { type: 'boolean' },
      },
    },
    pdb: { type: 'boolean' },
    hpa: { type: 'boolean' },
    image: { type: 'object', properties: { pinned: { type: 'boolean' } } },
    restarts24h: { type: 'integer', minimum: 0 },
    oomKills24h: { type: 'integer', minimum: 0 },
    clusters: { type: 'array', items: { type: 'string' } },
  },
};

/** `:latest`, or no tag and no digest, is not pinned; a registry port (`host:5000/app`) is not a tag. */
export function isPinned(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return (
    colon >= 0 &&
    lastSegment.slice(colon + 1) !== 'latest' &&
    colon < lastSegment.length - 1
  );
}

/** The workloads of every cluster that an entity links to, matched as the Kubernetes plugin does. */
export function linkedWorkloads(
  link: WorkloadLink,
  clusters: ObservedCluster[],
): WorkloadInfo[] {
  return clusters.flatMap(c =>
    matchWorkloads(link, c.snapshot.workloads, c.workloadsById),
  );
}

function podsOf(workloads: WorkloadInfo[], clusters: ObservedCluster[]) {
  const byCluster = new Map(clusters.map(c => [c.snapshot.cluster, c]));
  const pods = new Map<string, { cluster: ObservedCluster; pod: PodInfo }>();
  for (const w of workloads) {
    const cluster = byCluster.get(w.cluster);
    for (const pod of cluster?.podsByNamespace.get(w.namespace) ?? []) {
      // Two workloads of one entity may select the same pods; each pod counts once.
      if (structuredSelects(w.selector, pod.labels)) {
        pods.set(`${w.cluster}/${pod.uid}`, { cluster: cluster!, pod });
      }
    }
  }
  return [...pods.values()];
}

const every = <T>(items: T[], test: (item: T) => boolean) =>
  items.length > 0 && items.every(test);

/**
 * The `kubernetes` facts of one entity from its workloads in every cluster: counts are summed over
 * clusters, and a boolean holds only if it holds for every workload in every cluster.
 */
export function computeFacts(
  workloads: WorkloadInfo[],
  clusters: ObservedCluster[],
): JsonObject {
  const byCluster = new Map(
    clusters.map(c => [c.snapshot.cluster, c.snapshot]),
  );
  const kind = FACT_KINDS.find(k => workloads.some(w => w.kind === k));
  const scaled = workloads.filter(w => w.desired !== undefined);
  const containers = workloads.flatMap(w => w.containers);
  // A PDB protects running pods (CronJobs and Jobs have none to protect); an HPA scales replicas.
  const protectable = workloads.filter(w =>
    ['Deployment', 'StatefulSet', 'DaemonSet'].includes(w.kind),
  );
  const pdb = every(protectable, w =>
    (byCluster.get(w.cluster)?.pdbs ?? []).some(
      p =>
        p.namespace === w.namespace &&
        structuredSelects(p.selector, w.podLabels),
    ),
  );
  const hpa = every(scaled, w =>
    (byCluster.get(w.cluster)?.hpas ?? []).some(
      h =>
        h.namespace === w.namespace && h.kind === w.kind && h.name === w.name,
    ),
  );
  let restarts = 0;
  let oomKills = 0;
  for (const { cluster, pod } of podsOf(workloads, clusters)) {
    const counts = cluster.restarts.get(pod.uid);
    restarts += counts?.restarts ?? 0;
    oomKills += counts?.oomKills ?? 0;
  }
  return {
    found: workloads.length > 0,
    workload: { kind: kind ?? 'Deployment' },
    ...(scaled.length && {
      replicas: {
        desired: scaled.reduce((n, w) => n + (w.desired ?? 0), 0),
        ready: scaled.reduce((n, w) => n + (w.ready ?? 0), 0),
      },
    }),
    resources: {
      requestsSet: every(containers, c => c.requests),
      limitsSet: every(containers, c => c.memoryLimit),
    },
    probes: {
      liveness: every(containers, c => c.liveness),
      readiness: every(containers, c => c.readiness),
    },
    pdb,
    hpa,
    image: { pinned: every(containers, c => isPinned(c.image)) },
    restarts24h: restarts,
    oomKills24h: oomKills,
    clusters: [...new Set(workloads.map(w => w.cluster))],
  };
}
