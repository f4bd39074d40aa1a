/**
 * Ratchet's Kubernetes entity provider for the catalog. Cluster access and workload matching live in
 * `@ratchet/backstage-plugin-kubernetes-node`, shared with the Kubernetes fact source.
 *
 * @packageDocumentation
 */
export { catalogModuleKubernetesEntityProvider as default } from './module';
export { KubernetesEntityProvider } from './provider/KubernetesEntityProvider';
export type { KubernetesEntityProviderDeps } from './provider/KubernetesEntityProvider';
export { readProviderConfigs } from './provider/config';
export type { KubernetesProviderConfig } from './provider/config';
export {
  DEFAULT_MAPPING,
  IGNORE_ANNOTATION,
  WORKLOAD_KINDS,
} from './provider/mapping';
export type {
  MappingSource,
  MappedField,
  WorkloadKind,
} from './provider/mapping';
export { ANNOTATIONS } from './provider/entities';
export type * from './provider/report';
export type { OwnerSuggestion } from './provider/suggestions';
export type { SkippedWorkload } from './provider/read';
export { createPreviewRouter } from './router';
export { kubernetesPreviewPermission } from './permissions';
