import type { Entity } from '@backstage/catalog-model';
import type { EntityFilter, ScorecardCheck } from './shared';

/** A maturity level; a Scorecard lists them from lowest to highest. */
export interface ScorecardLevel {
  /** Identifier referenced by checks, e.g. `bronze`. */
  id: string;
  /** Display name, e.g. `Bronze`. */
  title: string;
  /** What reaching this level means. */
  description?: string;
  /** A CSS colour for the badge, e.g. `#cd7f32`. */
  color?: string;
}

/** A category groups checks across levels (Ownership, Security, …). */
export interface ScorecardCategory {
  /** Identifier referenced by checks, e.g. `security`. */
  id: string;
  /** Display name. */
  title: string;
  /** What the category covers. */
  description?: string;
}

/** The spec of a Scorecard. */
export interface ScorecardSpec {
  /** The owning Group entity ref, e.g. `group:default/platform`. */
  owner: string;
  /** Entities the Scorecard rates (defaults to every Component). */
  appliesTo?: EntityFilter;
  /** Ordered levels, lowest first. An entity is at a level when every check of it and below passes. */
  levels: ScorecardLevel[];
  /** Categories checks are grouped in. */
  categories: ScorecardCategory[];
  /**
   * The checks. Checks of completed Campaigns join at the level their `onCompletion.promoteTo` names (the
   * ratchet is declared only there).
   */
  checks: ScorecardCheck[];
}

/** A `Scorecard` catalog entity (apiVersion `ratchet.dev/v1alpha1`). */
export type ScorecardEntityV1alpha1 = Entity & {
  /** The Ratchet apiVersion. */
  apiVersion: 'ratchet.dev/v1alpha1';
  /** The kind. */
  kind: 'Scorecard';
  /** The spec. */
  spec: ScorecardSpec;
};
