import type { Entity } from '@backstage/catalog-model';

/** One thing wrong with an entity document, located by its field path. */
export interface ValidationProblem {
  /** Where: a field path with array indices, e.g. `spec.checks[3].rule.all[1].value`; empty for the whole document. */
  path: string;
  /** What is wrong, readable on its own, e.g. `unknown level "platinum"; expected one of bronze, silver, gold`. */
  message: string;
  /** What would have been accepted, when that can be said briefly, e.g. `one of bronze, silver, gold`. */
  expected?: string;
}

/** The kinds of entity that other Ratchet entities reference by entity ref. */
export type RatchetReferencedKind = 'Scorecard' | 'Campaign';

/**
 * Looks up a Scorecard or Campaign by its full entity ref (`scorecard:default/service-maturity`; the
 * kind is lowercase as `stringifyEntityRef` writes it, compare case-insensitively). Returns undefined
 * when the entity is not known, which is never an error: definitions may be processed in any order.
 */
export type RatchetEntityResolver = (
  kind: RatchetReferencedKind,
  entityRef: string,
) => Entity | undefined;

/** What `validateRatchetEntity` may know beyond the entity itself. */
export interface RatchetValidationContext {
  /** Resolves references to other Scorecards and Campaigns so that their check and level ids are checked. */
  resolve?: RatchetEntityResolver;
}

/** The kinds this package defines. */
export const RATCHET_KINDS = ['Scorecard', 'Campaign', 'Checklist'] as const;

/** One of the kinds this package defines. */
export type RatchetKind = (typeof RATCHET_KINDS)[number];

/** True when `kind` is one of the Ratchet kinds (exact, case-sensitive, as the catalog compares kinds). */
export function isRatchetKind(kind: unknown): kind is RatchetKind {
  return (RATCHET_KINDS as readonly unknown[]).includes(kind);
}
