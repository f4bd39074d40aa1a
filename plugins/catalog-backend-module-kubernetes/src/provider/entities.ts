import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  EntityLink,
} from '@backstage/catalog-model';
import { MappedWorkload, WORKLOAD_KINDS, WorkloadKind } from './mapping';

/** Annotations the provider writes besides Backstage's own. */
export const ANNOTATIONS = {
  provider: 'ratchet.dev/kubernetes-provider',
  clusters: 'ratchet.dev/kubernetes-clusters',
  namespaces: 'ratchet.dev/kubernetes-namespaces',
  needsOwner: 'ratchet.dev/needs-owner',
  conflictsWith: 'ratchet.dev/kubernetes-conflicts-with',
  kubernetesId: 'backstage.io/kubernetes-id',
  labelSelector: 'backstage.io/kubernetes-label-selector',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
} as const;

/** One future Component: every workload that maps to the same entity name, across clusters and namespaces. */
export interface EntityCandidate {
  /** The mapped entity name. */
  name: string;
  /** Its workloads, in cluster-config order, then namespace, kind and name. */
  workloads: MappedWorkload[];
  /** The owner (first workload that has one), undefined when none does. */
  owner?: string;
  /** Where the owner came from. */
  ownerSource?: string;
  /** Disagreements between the workloads (two owners, two systems…), for the preview. */
  warnings: string[];
}

const PATH_OF: Record<WorkloadKind, string> = {
  Deployment: 'apis/apps/v1',
  StatefulSet: 'apis/apps/v1',
  DaemonSet: 'apis/apps/v1',
  CronJob: 'apis/batch/v1',
};

/** Groups mapped workloads by entity name: the same service in several clusters becomes one candidate. */
export function groupWorkloads(
  workloads: MappedWorkload[],
  clusterOrder: string[],
): EntityCandidate[] {
  const rank = new Map(clusterOrder.map((name, i) => [name, i]));
  const sorted = [...workloads].sort(
    (a, b) =>
      (rank.get(a.cluster) ?? 0) - (rank.get(b.cluster) ?? 0) ||
      a.namespace.localeCompare(b.namespace) ||
      WORKLOAD_KINDS.indexOf(a.kind) - WORKLOAD_KINDS.indexOf(b.kind) ||
      a.workloadName.localeCompare(b.workloadName),
  );
  // Entity names compare case-insensitively in the catalog, so Foo and foo are the same Component.
  const byName = new Map<string, MappedWorkload[]>();
  for (const w of sorted) {
    const key = w.name.toLocaleLowerCase('en-US');
    const group = byName.get(key);
    if (group) group.push(w);
    else byName.set(key, [w]);
  }
  return [...byName.values()].map(group => {
    const withOwner = group.find(w => w.owner);
    const warnings: string[] = [];
    for (const field of ['owner', 'system', 'lifecycle', 'type'] as const) {
      const values = [...new Set(group.map(w => w[field]).filter(Boolean))];
      if (values.length > 1) {
        warnings.push(
          `workloads disagree on ${field}: ${values.join(', ')}; using ${
            values[0]
          }`,
        );
      }
    }
    return {
      name: group[0].name,
      workloads: group,
      owner: withOwner?.owner,
      ownerSource: withOwner?.ownerSource,
      warnings,
    };
  });
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** How to build entities. */
export interface BuildOptions {
  /** `kubernetes:<id>`. */
  providerName: string;
  /** Catalog namespace of the entities. */
  entityNamespace: string;
  /** API server URL per cluster name, for the location annotations. */
  clusterUrls: Map<string, string>;
  /** Owner of workloads no source gives an owner ("suggest" mode). */
  unownedOwner: string;
}

/** Builds the Component of a candidate; `name` and `conflictsWith` are set when it is emitted with a suffix. */
export function buildEntity(
  candidate: EntityCandidate,
  options: BuildOptions,
  rename?: { name: string; conflictsWith: string },
): Entity {
  const ws = candidate.workloads;
  const firstOf = <
    K extends 'title' | 'description' | 'system' | 'lifecycle' | 'type',
  >(
    key: K,
  ) => ws.find(w => w[key])?.[key];
  const primary = ws[0];
  const location = `url:${options.clusterUrls.get(primary.cluster)}/${
    PATH_OF[primary.kind]
  }/namespaces/${primary.namespace}/${primary.kind.toLocaleLowerCase(
    'en-US',
  )}s/${primary.workloadName}`;
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATIONS.provider]: options.providerName,
    [ANNOTATIONS.clusters]: unique(ws.map(w => w.cluster)).join(','),
    [ANNOTATIONS.namespaces]: unique(ws.map(w => w.namespace))
      .sort()
      .join(','),
  };
  // kubernetes-id when every workload carries the same one; otherwise the Kubernetes tab needs a selector.
  const ids = unique(ws.map(w => w.kubernetesId));
  if (ids.length === 1 && ids[0])
    annotations[ANNOTATIONS.kubernetesId] = ids[0];
  else if (primary.labelSelector)
    annotations[ANNOTATIONS.labelSelector] = primary.labelSelector;
  const namespaces = unique(ws.map(w => w.namespace));
  if (namespaces.length === 1)
    annotations[ANNOTATIONS.kubernetesNamespace] = namespaces[0];
  if (!candidate.owner) annotations[ANNOTATIONS.needsOwner] = 'true';
  if (rename) annotations[ANNOTATIONS.conflictsWith] = rename.conflictsWith;

  const links = new Map<string, EntityLink>();
  for (const link of ws.flatMap(w => w.links)) {
    if (!links.has(link.url)) links.set(link.url, link);
  }
  const title = firstOf('title');
  const description = firstOf('description');
  const system = firstOf('system');
  const tags = unique(ws.flatMap(w => w.tags));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: rename?.name ?? candidate.name,
      namespace: options.entityNamespace,
      ...(title && { title }),
      ...(description && { description }),
      annotations,
      ...(tags.length && { tags }),
      ...(links.size && { links: [...links.values()] }),
    },
    spec: {
      type: firstOf('type') ?? 'service',
      lifecycle: firstOf('lifecycle') ?? 'production',
      owner: candidate.owner ?? options.unownedOwner,
      ...(system && { system }),
    },
  };
}
