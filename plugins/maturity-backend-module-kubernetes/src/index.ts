/**
 * Ratchet maturity module: Kubernetes workload facts (replicas, requests and limits, probes,
 * PodDisruptionBudgets, autoscalers, pinned images, restarts and OOM kills in the last 24 hours).
 *
 * @packageDocumentation
 */
export { maturityModuleKubernetesFacts as default } from './module';
export { KubernetesFactSource } from './KubernetesFactSource';
export type { KubernetesFactSourceOptions } from './KubernetesFactSource';
export { computeFacts, isPinned, KUBERNETES_FACTS_SCHEMA } from './facts';
export { RestartHistory } from './RestartHistory';
export type { PodRestarts } from './RestartHistory';
export { readSnapshot, FACT_KINDS } from './snapshot';
export type {
  ClusterSnapshot,
  PodInfo,
  WorkloadInfo,
  FactKind,
} from './snapshot';
