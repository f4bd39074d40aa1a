/**
 * Ratchet's shared Kubernetes access for background readers: clusters and credentials through
 * `@backstage/plugin-kubernetes-backend`'s cluster suppliers and auth strategies, a paginated client, label
 * selectors, and workload ↔ entity matching as the Kubernetes plugin resolves it.
 *
 * @packageDocumentation
 */
export type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesClustersSupplier,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
export {
  authProviderOf,
  DefaultKubernetesClusterAccess,
  selectClusters,
} from './cluster/clusters';
export type {
  KubernetesClusterAccess,
  KubernetesClusterAccessOptions,
  SelectedClusters,
} from './cluster/clusters';
export {
  CLIENT_SIDE_AUTH_PROVIDERS,
  defaultAuthStrategies,
} from './cluster/backstage';
export {
  KubernetesClusterClient,
  KubernetesRequestError,
} from './cluster/KubernetesClusterClient';
export type {
  KubernetesClientOptions,
  KubernetesListOptions,
  KubernetesResource,
  KubernetesResourceItems,
} from './cluster/KubernetesClusterClient';
export { mapWithConcurrency } from './cluster/concurrency';
export {
  formatLabelSelector,
  matchesRequirements,
  parseLabelSelector,
  requirementsOfStructured,
  structuredSelects,
} from './cluster/labelSelector';
export type {
  LabelSelectorRequirement,
  StructuredLabelSelector,
} from './cluster/labelSelector';
export {
  indexByKubernetesId,
  KUBERNETES_ANNOTATIONS,
  labelSelectorFor,
  matchesWorkload,
  matchWorkloads,
  workloadLinkOf,
} from './matching/matching';
export type {
  LinkableWorkload,
  MatchableWorkload,
  WorkloadLink,
} from './matching/matching';
export { kubernetesClusterAccessServiceRef } from './service';
