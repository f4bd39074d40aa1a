export { readKubernetesClusters, selectKubernetesClusters } from './clusters';
export type { KubernetesClusterDetails } from './clusters';
export {
  KubernetesClusterClient,
  KubernetesRequestError,
} from './KubernetesClusterClient';
export type {
  KubernetesListOptions,
  KubernetesResource,
  KubernetesResourceItems,
} from './KubernetesClusterClient';
export { mapWithConcurrency } from './concurrency';
export {
  parseLabelSelector,
  matchesRequirements,
  requirementsOfStructured,
  structuredSelects,
  formatLabelSelector,
} from './labelSelector';
export type {
  LabelSelectorRequirement,
  StructuredLabelSelector,
} from './labelSelector';
