import type { Entity } from '@backstage/catalog-model';
import {
  formatLabelSelector,
  LabelSelectorRequirement,
  matchesRequirements,
  parseLabelSelector,
} from '../cluster/labelSelector';

/** Backstage's Kubernetes annotations, the only link between an entity and its workloads. */
export const KUBERNETES_ANNOTATIONS = {
  id: 'backstage.io/kubernetes-id',
  labelSelector: 'backstage.io/kubernetes-label-selector',
  namespace: 'backstage.io/kubernetes-namespace',
} as const;

/** How an entity names its workloads, resolved as the Kubernetes plugin resolves it. */
export interface WorkloadLink {
  /** The label selector the Kubernetes plugin sends to the API server. */
  selector: string;
  /** The parsed selector. */
  requirements: LabelSelectorRequirement[];
  /** The `backstage.io/kubernetes-namespace` annotation, when set. */
  namespace?: string;
  /** The single `backstage.io/kubernetes-id` value the selector requires, for indexed lookups. */
  kubernetesId?: string;
}

/** The labels matching looks at, for one workload. */
export interface MatchableWorkload {
  /** Namespace. */
  namespace: string;
  /** The workload's own labels. */
  labels: Record<string, string>;
  /** Its pod template's labels. */
  podLabels: Record<string, string>;
}

/**
 * The link of an entity to its workloads, exactly as `@backstage/plugin-kubernetes-backend` resolves it:
 * the `kubernetes-label-selector` annotation if set, otherwise `backstage.io/kubernetes-id=<id>` with the
 * `kubernetes-id` annotation (or, when that is empty, the entity name); the `kubernetes-namespace`
 * annotation narrows it. Entities with neither annotation have no Kubernetes tab and no link (undefined).
 * Throws on a label selector that does not parse.
 */
export function workloadLinkOf(entity: Entity): WorkloadLink | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (
    !(KUBERNETES_ANNOTATIONS.id in annotations) &&
    !(KUBERNETES_ANNOTATIONS.labelSelector in annotations)
  ) {
    return undefined;
  }
  const namespace = annotations[KUBERNETES_ANNOTATIONS.namespace] || undefined;
  const selector = annotations[KUBERNETES_ANNOTATIONS.labelSelector];
  if (selector) {
    return { selector, requirements: parseLabelSelector(selector), namespace };
  }
  const id = annotations[KUBERNETES_ANNOTATIONS.id] || entity.metadata.name;
  return {
    selector: `${KUBERNETES_ANNOTATIONS.id}=${id}`,
    requirements: [
      { key: KUBERNETES_ANNOTATIONS.id, operator: 'In', values: [id] },
    ],
    namespace,
    kubernetesId: id,
  };
}

/**
 * Whether a workload belongs to a link. The selector applies to the workload's labels, as in the
 * Kubernetes API; a workload without any label of its own is matched through its pod template's labels
 * (the Kubernetes tab finds its pods that way).
 */
export function matchesWorkload(
  link: WorkloadLink,
  workload: MatchableWorkload,
): boolean {
  if (link.namespace && workload.namespace !== link.namespace) return false;
  const labels = Object.keys(workload.labels).length
    ? workload.labels
    : workload.podLabels;
  return matchesRequirements(link.requirements, labels);
}

/** A workload as the entity provider sees it, for the annotations that link its entity back to it. */
export interface LinkableWorkload extends MatchableWorkload {
  /** `spec.selector.matchLabels` (empty for CronJobs). */
  selector: Record<string, string>;
}

/**
 * The label selector an entity built from these workloads should carry: the selector labels shared by
 * the workload and its pods (so the Kubernetes tab lists both), else every label both share, else — for a
 * workload without labels — its pod selector. {@link matchesWorkload} matches every workload given with it.
 */
export function labelSelectorFor(w: LinkableWorkload): string {
  const ownLabels = Object.keys(w.labels).length ? w.labels : w.podLabels;
  const shared = (labels: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(labels).filter(
        ([k, v]) =>
          k !== 'pod-template-hash' &&
          ownLabels[k] === v &&
          w.podLabels[k] === v,
      ),
    );
  const fromSelector = shared(w.selector);
  if (Object.keys(fromSelector).length)
    return formatLabelSelector(fromSelector);
  const fromLabels = shared(ownLabels);
  if (Object.keys(fromLabels).length) return formatLabelSelector(fromLabels);
  return formatLabelSelector(w.podLabels);
}

/** Indexes workloads by their `backstage.io/kubernetes-id` label, the common way entities link. */
export function indexByKubernetesId<T extends MatchableWorkload>(
  workloads: T[],
): Map<string, T[]> {
  const byId = new Map<string, T[]>();
  for (const w of workloads) {
    const labels = Object.keys(w.labels).length ? w.labels : w.podLabels;
    const id = labels[KUBERNETES_ANNOTATIONS.id];
    if (id === undefined) continue;
    const list = byId.get(id);
    if (list) list.push(w);
    else byId.set(id, [w]);
  }
  return byId;
}

/** The workloads of a link, using the id index when the link is a plain kubernetes-id. */
export function matchWorkloads<T extends MatchableWorkload>(
  link: WorkloadLink,
  workloads: T[],
  byId?: Map<string, T[]>,
): T[] {
  const candidates =
    link.kubernetesId !== undefined && byId
      ? byId.get(link.kubernetesId) ?? []
      : workloads;
  return candidates.filter(w => matchesWorkload(link, w));
}
