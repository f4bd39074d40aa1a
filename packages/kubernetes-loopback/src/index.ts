/**
 * A loopback Kubernetes API server for Ratchet's tests, benchmarks and demo: real REST paths, paging,
 * selectors, bearer tokens, client certificates over TLS, anonymous access and injectable failures. Never used by production code.
 *
 * @packageDocumentation
 */
export { LoopbackCluster } from './LoopbackCluster';
export { generateTlsMaterial } from './tls';
export type { LoopbackTlsMaterial } from './tls';
export type { LoopbackClusterOptions } from './LoopbackCluster';
export { ObjectStore } from './ObjectStore';
export type { ObjectKey } from './ObjectStore';
export {
  loadManifests,
  loadManifestFile,
  simulateControllers,
  stableUid,
} from './manifests';
export type { SimulateOptions } from './manifests';
export { generateEstate } from './generate';
export type { GenerateOptions } from './generate';
export { parseLabelSelector, matchesLabels, SelectorError } from './selectors';
export type { LabelRequirement } from './selectors';
export type {
  KubeObject,
  KubeObjectMeta,
  LoopbackFailure,
  LoopbackRequest,
} from './types';
