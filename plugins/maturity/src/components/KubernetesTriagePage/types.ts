/**
 * The answer of the catalog's `GET /kubernetes/preview` (Ratchet's Kubernetes entity provider), as far as
 * the triage page reads it. The backend module owns the full type; the frontend cannot import it.
 */
export interface KubernetesPreview {
  /** One dry-run sync per configured provider. */
  providers: ProviderPreview[];
}

/** One workload of an entity. */
export interface PreviewWorkload {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}

/** An entity a sync would create. */
export interface PreviewEntity {
  entityRef: string;
  title?: string;
  owner: string;
  ownerSource?: string;
  needsOwner: boolean;
  system?: string;
  workloads: PreviewWorkload[];
  warnings?: string[];
}

/** An owner proposed for an unowned workload, with its evidence. */
export interface OwnerSuggestion {
  owner: string;
  score: number;
  evidence: string[];
}

/** One provider's dry run. */
export interface ProviderPreview {
  provider: string;
  startedAt: string;
  durationMs: number;
  clusters: Array<{
    cluster: string;
    status: 'ok' | 'failed';
    workloads: number;
    durationMs: number;
    error?: string;
    fallback?: 'cache' | 'catalog' | 'none';
  }>;
  entities: PreviewEntity[];
  unowned: Array<
    PreviewEntity & {
      emitted: boolean;
      existingEntityRef?: string;
      suggestions?: OwnerSuggestion[];
    }
  >;
  conflicts: Array<{
    name: string;
    existingEntityRef: string;
    existingOwner?: string;
    kubernetesOwner?: string;
    action: 'skipped' | 'suffixed';
    emittedAs?: string;
    workloads: PreviewWorkload[];
  }>;
  counts: {
    entities: number;
    unowned: number;
    conflicts: number;
    optedOut: number;
  };
}
