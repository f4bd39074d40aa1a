import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ForeignEntity } from './catalogView';
import type { KubernetesProviderConfig } from './config';
import {
  ANNOTATIONS,
  buildEntity,
  EntityCandidate,
  groupWorkloads,
} from './entities';
import { toEntityName } from './mapping';
import { OwnedCandidate, OwnerEvidence } from './suggestions';
import type { ClusterRead } from './read';
import type {
  ClusterSyncStatus,
  CoexistenceLink,
  PreviewEntity,
  SyncReport,
} from './report';

/** A cluster as a sync names it: a located cluster, or a configured name no locator returned. */
export interface SyncCluster {
  /** Cluster name. */
  name: string;
  /** API server URL ('' for a name no locator returned). */
  url: string;
}

/** The outcome of reading one cluster in this sync. */
export type ClusterOutcome =
  | { cluster: SyncCluster; read: ClusterRead; durationMs: number }
  | {
      cluster: SyncCluster;
      error: Error;
      durationMs: number;
      fallback:
        | { from: 'cache'; read: ClusterRead }
        | { from: 'catalog'; entities: Entity[] }
        | undefined;
    };

/** The entities to apply and the report describing them. */
export interface SyncPlan {
  /** Entities for the full mutation. */
  entities: Entity[];
  /** The report, without timing and diff counts (the provider adds those). */
  report: Omit<SyncReport, 'dryRun' | 'startedAt' | 'durationMs'>;
}

function workloadRefs(candidate: EntityCandidate) {
  return candidate.workloads.map(w => ({
    cluster: w.cluster,
    namespace: w.namespace,
    kind: w.kind,
    name: w.workloadName,
  }));
}

function summarise(entity: Entity, candidate: EntityCandidate): PreviewEntity {
  const spec = entity.spec as {
    owner: string;
    system?: string;
    lifecycle: string;
    type: string;
  };
  return {
    entityRef: stringifyEntityRef(entity),
    ...(entity.metadata.title && { title: entity.metadata.title }),
    owner: spec.owner,
    ...(candidate.ownerSource && { ownerSource: candidate.ownerSource }),
    needsOwner: !candidate.owner,
    ...(spec.system && { system: spec.system }),
    lifecycle: spec.lifecycle,
    type: spec.type,
    workloads: workloadRefs(candidate),
    ...(candidate.warnings.length && { warnings: candidate.warnings }),
  };
}

/**
 * Turns cluster outcomes into the entities of a full mutation: failed clusters contribute their fallback,
 * workloads merge by entity name, names taken by other sources are skipped or suffixed, unowned workloads
 * are marked ("suggest") or left out ("skip").
 */
export function planSync(
  config: KubernetesProviderConfig,
  providerName: string,
  outcomes: ClusterOutcome[],
  foreign: Map<string, ForeignEntity>,
  repositories: Map<string, ForeignEntity> = new Map(),
): SyncPlan {
  const clusters: ClusterSyncStatus[] = [];
  const reads: ClusterRead[] = [];
  const seeds: Entity[] = [];
  const fallbackClusters = new Set<string>();
  for (const o of outcomes) {
    const base = { cluster: o.cluster.name, durationMs: o.durationMs };
    if ('read' in o) {
      reads.push(o.read);
      clusters.push({
        ...base,
        status: 'ok',
        workloads: o.read.workloads.length,
        optedOut: o.read.optedOut,
      });
      continue;
    }
    fallbackClusters.add(o.cluster.name);
    const failed = {
      ...base,
      status: 'failed' as const,
      error: o.error.message,
    };
    if (o.fallback?.from === 'cache') {
      reads.push(o.fallback.read);
      clusters.push({
        ...failed,
        workloads: o.fallback.read.workloads.length,
        optedOut: o.fallback.read.optedOut,
        fallback: 'cache',
      });
    } else if (o.fallback?.from === 'catalog') {
      seeds.push(...o.fallback.entities);
      clusters.push({
        ...failed,
        workloads: 0,
        optedOut: 0,
        fallback: 'catalog',
      });
    } else {
      clusters.push({ ...failed, workloads: 0, optedOut: 0, fallback: 'none' });
    }
  }

  const build = {
    providerName,
    entityNamespace: config.entityNamespace,
    clusterUrls: new Map(outcomes.map(o => [o.cluster.name, o.cluster.url])),
    unownedOwner: config.unowned.owner,
  };
  const entities: Entity[] = [];
  const previews: PreviewEntity[] = [];
  const unowned: SyncReport['unowned'] = [];
  const conflicts: CoexistenceLink[] = [];
  const emittedRefs = new Set<string>();
  let kept = 0;
  const candidates = groupWorkloads(
    reads.flatMap(r => r.workloads),
    outcomes.map(o => o.cluster.name),
  );
  const ownerOf = (c: EntityCandidate) =>
    c.owner ??
    foreign.get(
      `component:${config.entityNamespace}/${c.name}`.toLocaleLowerCase(
        'en-US',
      ),
    )?.owner;
  const evidence = new OwnerEvidence(
    candidates.flatMap((candidate): OwnedCandidate[] => {
      const owner = ownerOf(candidate);
      return owner ? [{ candidate, owner }] : [];
    }),
    repositories,
    [config.unowned.owner],
  );
  for (const candidate of candidates) {
    const ref = `component:${config.entityNamespace}/${candidate.name}`;
    const existing = foreign.get(ref.toLocaleLowerCase('en-US'));
    let rename: { name: string; conflictsWith: string } | undefined;
    const admitted =
      candidate.owner !== undefined || config.unowned.action === 'suggest';
    if (existing) {
      const suffixed = toEntityName(
        `${candidate.name}${config.coexistence.suffix}`,
      );
      const suffixedRef = `component:${config.entityNamespace}/${suffixed}`;
      const canSuffix =
        config.coexistence.action === 'suffix' &&
        // An unowned workload that is not admitted is not emitted under any name: the link must say so.
        admitted &&
        suffixed !== undefined &&
        !foreign.has(suffixedRef.toLocaleLowerCase('en-US'));
      // The link is the useful part: what Kubernetes says about ownership next to what the YAML says.
      conflicts.push({
        name: candidate.name,
        existingEntityRef: existing.ref,
        ...(existing.owner && { existingOwner: existing.owner }),
        ...(candidate.owner && {
          kubernetesOwner: candidate.owner,
          ownerSource: candidate.ownerSource,
        }),
        action: canSuffix ? 'suffixed' : 'skipped',
        ...(canSuffix && { emittedAs: suffixedRef }),
        workloads: workloadRefs(candidate),
      });
      if (canSuffix) rename = { name: suffixed!, conflictsWith: existing.ref };
    }
    const entity = buildEntity(candidate, build, rename);
    const preview = summarise(entity, candidate);
    const emitted = (!existing || rename !== undefined) && admitted;
    if (!candidate.owner) {
      unowned.push({
        ...preview,
        emitted,
        ...(existing && { existingEntityRef: existing.ref }),
        suggestions: evidence.suggest(candidate),
      });
    }
    if (!emitted) continue;
    if (candidate.workloads.every(w => fallbackClusters.has(w.cluster))) kept++;
    entities.push(entity);
    previews.push(preview);
    emittedRefs.add(preview.entityRef.toLocaleLowerCase('en-US'));
  }
  // After a restart, a failed cluster's entities come back from the catalog unless a healthy cluster
  // produced the same entity this time.
  for (const seed of seeds) {
    const ref = stringifyEntityRef(seed).toLocaleLowerCase('en-US');
    if (emittedRefs.has(ref)) continue;
    emittedRefs.add(ref);
    entities.push(seed);
    kept++;
    const spec = seed.spec as {
      owner?: string;
      lifecycle?: string;
      type?: string;
      system?: string;
    };
    previews.push({
      entityRef: stringifyEntityRef(seed),
      owner: spec.owner ?? config.unowned.owner,
      needsOwner:
        seed.metadata.annotations?.[ANNOTATIONS.needsOwner] === 'true',
      lifecycle: spec.lifecycle ?? 'production',
      type: spec.type ?? 'service',
      ...(spec.system && { system: spec.system }),
      workloads: [],
      warnings: [
        'kept from the catalog: its cluster failed before this backend read it',
      ],
    });
  }
  return {
    entities,
    report: {
      provider: providerName,
      clusters,
      entities: previews,
      unowned,
      conflicts,
      invalid: reads.flatMap(r => r.invalid),
      counts: {
        entities: entities.length,
        added: 0,
        updated: 0,
        removed: 0,
        unchanged: 0,
        kept,
        unowned: unowned.length,
        conflicts: conflicts.length,
        optedOut: reads.reduce((n, r) => n + r.optedOut, 0),
      },
    },
  };
}
