import type { HumanDuration, JsonObject } from '@backstage/types';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';

/** The facts one source reports for one entity. */
export interface FactWrite {
  /** The entity ref. */
  entityRef: string;
  /** The fact source id. */
  source: string;
  /** The facts, replacing whatever the source reported before for this entity. */
  facts: JsonObject;
  /** When the source observed them; defaults to the time of the write. */
  observedAt?: Date;
}

/** Identifies the facts of one source for one entity. */
export interface FactKey {
  /** The entity ref. */
  entityRef: string;
  /** The fact source id. */
  source: string;
}

/** What a write changed. */
export interface WriteFactsResult {
  /** Keys whose facts changed (or are new), in batch order; the entities to re-evaluate. */
  changed: FactKey[];
  /** How many keys of the batch (after de-duplication) already had exactly these facts. */
  unchanged: number;
}

/** One entry of the change log. */
export interface FactChange {
  /** Increasing id, newest is highest. */
  id: number;
  /** The entity ref. */
  entityRef: string;
  /** The fact source id. */
  source: string;
  /** The facts as they became. */
  facts: JsonObject;
  /** sha256 of the canonical JSON of the facts. */
  hash: string;
  /** When the source observed them (ISO). */
  observedAt: string;
  /** When the change was recorded (ISO). */
  createdAt: string;
}

/** Retention of the change log; both policies apply when both are given. */
export interface PruneChangesOptions {
  /** Delete changes older than this. */
  maxAge?: HumanDuration;
  /** Keep at most this many newest changes per entity and source. */
  maxPerEntitySource?: number;
}

/** Latest facts per entity and source, plus a bounded change log. */
export interface FactStore {
  /**
   * Stores a batch in one transaction: keys whose content hash is unchanged are skipped (a resend
   * writes nothing), changed keys are upserted and appended to the change log. A key repeated in the
   * batch keeps its last entry.
   */
  writeFacts(batch: FactWrite[]): Promise<WriteFactsResult>;

  /** The facts of these entities by source; entities without any stored facts are absent. */
  getFacts(entityRefs: string[]): Promise<Map<string, EntityFacts>>;

  /**
   * The facts of these entities (as getFacts) and the version each was read at (factVersions.ts), from
   * one read: a write of results compares the version to detect facts that changed since.
   */
  getFactsAndVersions(entityRefs: string[]): Promise<{
    facts: Map<string, EntityFacts>;
    versions: Map<string, string>;
  }>;

  /**
   * When each source last reported the facts of these entities (by entity ref, then source): the
   * `observedAt` of the latest write, a dated resend of identical facts included (it moves the time
   * forward, never back). Freshness rules read it.
   */
  getObservedAt(
    entityRefs: string[],
    sources: string[],
  ): Promise<Map<string, Map<string, Date>>>;

  /** Every entity that has facts, sorted. */
  listEntityRefs(): Promise<string[]>;

  /** Deletes the facts and change log of these entities; returns how many fact rows were deleted. */
  deleteEntities(entityRefs: string[]): Promise<number>;

  /** Deletes everything about entities not in the live set; returns the refs that were removed. */
  retainOnly(liveEntityRefs: ReadonlySet<string>): Promise<string[]>;

  /** Applies the retention policies to the change log; returns how many changes were deleted. */
  pruneChanges(options: PruneChangesOptions): Promise<number>;

  /** The newest changes of one entity and source, newest first. */
  getFactHistory(
    entityRef: string,
    source: string,
    limit?: number,
  ): Promise<FactChange[]>;
}
