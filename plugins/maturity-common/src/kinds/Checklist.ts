import type { Entity } from '@backstage/catalog-model';
import type { CheckReference, EntityFilter } from './shared';

/** A phase of a launch, e.g. playground → green-light → ready-for-production; listed in order. */
export interface ChecklistPhase {
  /** Identifier referenced by items, e.g. `green-light`. */
  id: string;
  /** Display name. */
  title: string;
  /** What the phase means and who is involved. */
  description?: string;
  /** A reviewer sign-off is needed to enter this phase (a reviewer can veto). */
  signOffRequired?: boolean;
}

/** One question or requirement of the checklist. */
export interface ChecklistItem {
  /** Identifier, unique within the checklist. */
  id: string;
  /** The question the team answers, e.g. "How do you plan to implement HA?". */
  prompt: string;
  /** How to answer well, what reviewers look for (markdown). */
  guidance?: string;
  /** The first phase in which this item must be answered. */
  requiredFor: string;
  /** An answer must carry evidence (a link or a document). */
  evidenceRequired?: boolean;
  /** An answer expires after this long and must be re-attested (ISO 8601 duration, e.g. `P90D`). */
  reattestEvery?: string;
  /** A check that answers this item automatically: when it passes, the item is answered. */
  answeredBy?: CheckReference;
}

/** An area of the checklist (Deployment, Testing, …). */
export interface ChecklistArea {
  /** Identifier. */
  id: string;
  /** Display name. */
  title: string;
  /** What the area covers. */
  description?: string;
  /** The items of the area. */
  items: ChecklistItem[];
}

/** Who signs off a readiness review. */
export interface ChecklistReviewers {
  /** The reviewing Group entity ref. */
  group: string;
  /** How many distinct reviewers must approve (default 1); any single reviewer can veto. */
  requiredApprovals?: number;
}

/** The spec of a Checklist. */
export interface ChecklistSpec {
  /** The owning Group entity ref. */
  owner: string;
  /** Entities the checklist applies to (defaults to every Component). */
  appliesTo?: EntityFilter;
  /** Ordered phases. */
  phases: ChecklistPhase[];
  /** The areas and their items. */
  areas: ChecklistArea[];
  /** Who signs off. */
  reviewers: ChecklistReviewers;
}

/** A `Checklist` catalog entity (apiVersion `ratchet.dev/v1alpha1`). */
export type ChecklistEntityV1alpha1 = Entity & {
  /** The Ratchet apiVersion. */
  apiVersion: 'ratchet.dev/v1alpha1';
  /** The kind. */
  kind: 'Checklist';
  /** The spec. */
  spec: ChecklistSpec;
};
