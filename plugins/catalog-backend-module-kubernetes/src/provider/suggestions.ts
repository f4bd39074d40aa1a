import type { ForeignEntity } from './catalogView';
import type { EntityCandidate } from './entities';
import type { MappedWorkload } from './mapping';

/** An owner proposed for an unowned workload, with the evidence behind it. Never applied by itself. */
export interface OwnerSuggestion {
  /** The proposed owner ref. */
  owner: string;
  /** Sum of the evidence weights: repository and Helm release 3, namespace 2, image path 1. */
  score: number;
  /** Why, one line per piece of evidence. */
  evidence: string[];
}

/** A candidate whose owner is known: from Kubernetes metadata, or from the YAML Component it clashed with. */
export interface OwnedCandidate {
  /** The candidate. */
  candidate: EntityCandidate;
  /** Its owner. */
  owner: string;
}

/** `registry.example.com/finance/billing:1.2` → `finance/billing`; Docker Hub's `library/` is dropped. */
export function imageRepository(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const parts = withoutDigest.split('/');
  // A first segment with a dot, a colon or `localhost` is a registry host, not part of the path.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  const last = parts.length - 1;
  parts[last] = parts[last].split(':')[0];
  if (parts[0] === 'library') parts.shift();
  const path = parts.join('/').toLocaleLowerCase('en-US');
  return path.includes('/') ? path : undefined;
}

const MAX_NAMES = 3;

/** The owned workloads behind one piece of evidence: a count and the first few names, never all of them. */
interface Sample {
  count: number;
  names: string[];
}

const describe = (sample: Sample) => {
  const shown = [...sample.names].sort().join(', ');
  return sample.count > sample.names.length
    ? `${shown} and ${sample.count - sample.names.length} more`
    : shown;
};

type Index = Map<string, Map<string, Sample>>;

/** Indexes owned workloads once per sync, so each unowned candidate is a few map lookups. */
export class OwnerEvidence {
  readonly #byNamespace: Index = new Map();
  readonly #byRelease: Index = new Map();
  readonly #byImageOrg: Index = new Map();
  readonly #repositories: Map<string, ForeignEntity>;

  /**
   * Builds the index. `placeholderOwners` (the provider's `unowned.owner`) are never evidence: a workload
   * parked under the placeholder says nothing about who owns its neighbours.
   */
  constructor(
    owned: OwnedCandidate[],
    repositories: Map<string, ForeignEntity>,
    placeholderOwners: string[] = [],
  ) {
    this.#repositories = repositories;
    const placeholders = new Set(
      placeholderOwners.map(o => o.toLocaleLowerCase('en-US')),
    );
    const add = (
      index: Index,
      key: string,
      owner: string,
      w: MappedWorkload,
    ) => {
      let byOwner = index.get(key);
      if (!byOwner) index.set(key, (byOwner = new Map()));
      let sample = byOwner.get(owner);
      if (!sample) byOwner.set(owner, (sample = { count: 0, names: [] }));
      if (sample.names.includes(w.workloadName)) return;
      sample.count++;
      if (sample.names.length < MAX_NAMES) sample.names.push(w.workloadName);
    };
    for (const { candidate, owner } of owned) {
      if (placeholders.has(owner.toLocaleLowerCase('en-US'))) continue;
      for (const w of candidate.workloads) {
        add(this.#byNamespace, `${w.cluster}/${w.namespace}`, owner, w);
        if (w.helmRelease) {
          add(
            this.#byRelease,
            `${w.cluster}/${w.namespace}/${w.helmRelease}`,
            owner,
            w,
          );
        }
        for (const image of w.images) {
          const org = imageRepository(image)?.split('/')[0];
          if (org) add(this.#byImageOrg, org, owner, w);
        }
      }
    }
  }

  /** Owners proposed for one unowned candidate, best first (at most three). */
  suggest(candidate: EntityCandidate): OwnerSuggestion[] {
    const found = new Map<string, OwnerSuggestion>();
    const note = (owner: string, weight: number, evidence: string) => {
      const s = found.get(owner) ?? { owner, score: 0, evidence: [] };
      found.set(owner, s);
      if (s.evidence.includes(evidence)) return;
      s.score += weight;
      s.evidence.push(evidence);
    };
    for (const w of candidate.workloads) {
      for (const image of w.images) {
        const repository = imageRepository(image);
        const match = repository
          ? this.#repositories.get(repository)
          : undefined;
        if (match?.owner) {
          note(
            match.owner,
            3,
            `image ${image} is built from repository ${repository}, whose Component ${match.ref} is owned by ${match.owner}`,
          );
        }
        const org = repository?.split('/')[0];
        for (const [owner, ws] of org ? this.#byImageOrg.get(org) ?? [] : []) {
          note(
            owner,
            1,
            `images under ${org}/ also run in ${describe(
              ws,
            )}, owned by ${owner}`,
          );
        }
      }
      if (w.helmRelease) {
        const key = `${w.cluster}/${w.namespace}/${w.helmRelease}`;
        for (const [owner, ws] of this.#byRelease.get(key) ?? []) {
          note(
            owner,
            3,
            `Helm release ${w.helmRelease} (${w.cluster}/${
              w.namespace
            }) also installs ${describe(ws)}, owned by ${owner}`,
          );
        }
      }
      for (const [owner, ws] of this.#byNamespace.get(
        `${w.cluster}/${w.namespace}`,
      ) ?? []) {
        note(
          owner,
          2,
          `namespace ${w.namespace} (cluster ${w.cluster}) also runs ${describe(
            ws,
          )}, owned by ${owner}`,
        );
      }
    }
    return [...found.values()]
      .sort((a, b) => b.score - a.score || a.owner.localeCompare(b.owner))
      .slice(0, 3);
  }
}
