import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { EntityFilter } from '@ratchet/backstage-plugin-maturity-common';

/** The facts a source observed for one entity. */
export interface CollectedFacts {
  /** The full entity ref, e.g. `component:default/payment-gateway`. */
  entityRef: string;
  /** The facts, shaped as the source's `schema` declares. */
  facts: JsonObject;
  /** When the facts were observed (defaults to the time of collection). */
  observedAt?: Date;
}

/** What a source is asked to collect. */
export interface FactCollectionRequest {
  /** Collect only for these entity refs; undefined means every entity the source covers. */
  entityRefs?: string[];
  /** Aborted when the scheduled task times out or the backend shuts down. */
  signal?: AbortSignal;
}

/**
 * A source of facts about entities: the catalog, repositories, Kubernetes, CI pushes, attestations.
 * Modules contribute sources through the `maturity.factSources` extension point.
 */
export interface FactSource {
  /** Stable id, the first segment of fact references (`kubernetes` in `kubernetes.replicas.desired`). */
  id: string;
  /** Human title shown in the UI. */
  title?: string;
  /** What the source observes. */
  description?: string;
  /**
   * `collect`: the plugin calls `collect` (on `schedule` and on demand) and POST /facts refuses the
   * source; `push`: facts only arrive through POST /facts, so a push never overwrites collected facts.
   */
  mode: 'collect' | 'push';
  /** JSON Schema (draft-07) of one entity's facts; pushed facts are validated against it. */
  schema: JsonObject;
  /** Only entities matching this filter get facts from this source; facts for others are not stored. */
  entityFilter?: EntityFilter;
  /** How often the plugin collects a `collect` source; omitted for `push` sources. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /** Collects facts for every covered entity, or for the requested ones; required in `collect` mode. */
  collect?(request: FactCollectionRequest): Promise<CollectedFacts[]>;
}
