import type {
  ReadinessAnswer,
  ReadinessReview,
} from '@ratchet/backstage-plugin-maturity-common';

/** An answer as stored: expiry is derived from `answeredAt` when read, never stored. */
export interface StoredAnswer {
  itemId: string;
  answer: ReadinessAnswer;
  justification?: string;
  notes?: string;
  evidence: string[];
  /** A user entity ref, or the check ref (see checkActor) for automatic answers. */
  answeredBy: string;
  answeredAt: string;
  automatic: boolean;
}

/** The state of one entity's readiness against one checklist. */
export interface StoredRecord {
  entityRef: string;
  checklistRef: string;
  phase: string | null;
  targetLaunchDate: string | null;
  updatedAt: string | null;
  /** By item id. */
  answers: Record<string, StoredAnswer>;
}

/** A review as stored; its status is kept current by the review machine. */
export type StoredReview = ReadinessReview;

/** The actor written for automatic answers: the check that gave them. */
export function checkActor(definitionRef: string, checkId: string): string {
  return `${definitionRef}#${checkId}`;
}

/** The key of a check result in the status maps handed to the readiness machines. */
export function checkKey(definitionRef: string, checkId: string): string {
  return `${definitionRef}\u0000${checkId}`;
}

/** An empty record for an entity that never touched its checklist. */
export function emptyRecord(
  entityRef: string,
  checklistRef: string,
): StoredRecord {
  return {
    entityRef,
    checklistRef,
    phase: null,
    targetLaunchDate: null,
    updatedAt: null,
    answers: {},
  };
}
