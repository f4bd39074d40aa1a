import type { SkippedWorkload } from './read';
import type { WorkloadKind } from './mapping';
import type { OwnerSuggestion } from './suggestions';

/** How one cluster fared in a sync. */
export interface ClusterSyncStatus {
  /** Cluster name. */
  cluster: string;
  /** `ok`, or `failed` (its last good entities were kept, see `fallback`). */
  status: 'ok' | 'failed';
  /** Workloads mapped from it (from the fallback when it failed). */
  workloads: number;
  /** Workloads that opted out with `ratchet.dev/ignore`. */
  optedOut: number;
  /** How long reading it took. */
  durationMs: number;
  /** Why it failed. */
  error?: string;
  /**
   * What stood in for a failed cluster: `cache` (the last good read of this process), `catalog` (the
   * provider's own entities already in the catalog, after a restart) or `none`.
   */
  fallback?: 'cache' | 'catalog' | 'none';
}

/** One workload of an entity. */
export interface WorkloadRef {
  /** Cluster name. */
  cluster: string;
  /** Namespace. */
  namespace: string;
  /** Kind. */
  kind: WorkloadKind;
  /** Workload name. */
  name: string;
}

/** An entity a sync creates (or would create), summarised for the preview. */
export interface PreviewEntity {
  /** `component:default/payment-gateway`. */
  entityRef: string;
  /** Title, if mapped. */
  title?: string;
  /** The owner written to spec.owner. */
  owner: string;
  /** The mapping source that gave the owner; absent for the fallback owner. */
  ownerSource?: string;
  /** No source gave an owner: the entity carries `ratchet.dev/needs-owner: "true"`. */
  needsOwner: boolean;
  /** System. */
  system?: string;
  /** Lifecycle. */
  lifecycle: string;
  /** Type. */
  type: string;
  /** The workloads merged into it. */
  workloads: WorkloadRef[];
  /** Disagreements between its workloads. */
  warnings?: string[];
}

/** A workload whose entity name is already taken by a Component from another source. */
export interface CoexistenceLink {
  /** The mapped name. */
  name: string;
  /** The existing entity, e.g. from a repository's catalog-info.yaml. */
  existingEntityRef: string;
  /** Its spec.owner. */
  existingOwner?: string;
  /** The owner the workloads' labels and annotations give, when any does (a hint for fixing the YAML). */
  kubernetesOwner?: string;
  /** Where that owner came from. */
  ownerSource?: string;
  /** `skipped` (the existing entity stands alone) or `suffixed` (emitted under `emittedAs`). */
  action: 'skipped' | 'suffixed';
  /** The ref emitted with the suffix. */
  emittedAs?: string;
  /** The workloads behind the name. */
  workloads: WorkloadRef[];
}

/** What a sync did, or what a preview would do. */
export interface SyncReport {
  /** `kubernetes:<id>`. */
  provider: string;
  /** True for a preview: nothing was applied. */
  dryRun: boolean;
  /** When the sync started (ISO). */
  startedAt: string;
  /** How long it took. */
  durationMs: number;
  /** Per cluster. */
  clusters: ClusterSyncStatus[];
  /** Every emitted entity. */
  entities: PreviewEntity[];
  /**
   * Workloads no source gives an owner: emitted with the fallback owner ("suggest"), or not emitted
   * ("skip", or a name clash with `existingEntityRef`).
   */
  unowned: Array<
    PreviewEntity & {
      emitted: boolean;
      existingEntityRef?: string;
      /** Owners proposed from evidence (namespace, Helm release, image, repository), best first. */
      suggestions: OwnerSuggestion[];
    }
  >;
  /** Names already taken by entities from other sources, and what was done about it. */
  conflicts: CoexistenceLink[];
  /** Workloads that could not be mapped. */
  invalid: SkippedWorkload[];
  /** Totals; added/updated/removed compare with the previous sync of this backend process. */
  counts: {
    entities: number;
    added: number;
    updated: number;
    removed: number;
    unchanged: number;
    kept: number;
    unowned: number;
    conflicts: number;
    optedOut: number;
  };
}
