import type { JsonObject } from '@backstage/types';

import type {
  Exemption,
  ExemptionStatus,
} from '@ratchet/backstage-plugin-maturity-common';

// The store keeps exemptions in the shape the API answers with: one definition, in maturity-common.
// Expiry is not a status but a comparison with the clock; `active` is computed when reading.
export type { Exemption, ExemptionStatus };

/** Every exemption status. */
export const EXEMPTION_STATUSES: readonly ExemptionStatus[] = [
  'requested',
  'approved',
  'denied',
  'revoked',
];

/** A new exemption request. */
export interface NewExemption {
  /** The entity ref (normalised). */
  entityRef: string;
  /** The definition ref (normalised). */
  definitionRef: string;
  /** The check id. */
  checkId: string;
  /** Why. */
  reason: string;
  /** Who asks. */
  requestedBy: string;
  /** Requested expiry; absent = permanent. */
  expiresAt?: Date;
}

/** A decision on an exemption. */
export interface ExemptionDecision {
  /** The status it moves to. */
  status: Exclude<ExemptionStatus, 'requested'>;
  /** Who decides. */
  decidedBy: string;
  /** Optional comment. */
  comment?: string;
  /** For approvals: a new expiry (null = permanent); undefined keeps the requested one. */
  expiresAt?: Date | null;
}

/** Filters of the exemption list. */
export interface ExemptionFilter {
  /** Only this entity. */
  entityRef?: string;
  /** Only these entities (any number). */
  entityRefs?: readonly string[];
  /** Only this definition. */
  definitionRef?: string;
  /** Only this check (of any definition unless `definitionRef` is given too). */
  checkId?: string;
  /** Only these statuses. */
  status?: ExemptionStatus[];
  /** Only approved and unexpired ones. */
  activeOnly?: boolean;
}

/** Filters of the exemption list, with how many rows to skip and to return. */
export interface ExemptionQuery extends ExemptionFilter {
  /** Most rows; defaults to 500. */
  limit?: number;
  /** Rows to skip (newest request first); defaults to 0. */
  offset?: number;
}

/** One entry of the audit log. */
export interface AuditEntry {
  /** Increasing id. */
  id: number;
  /** When (ISO). */
  at: string;
  /** Who (user entity ref, service subject, or `system`). */
  actor: string;
  /** What, e.g. `exemption.approved`. */
  action: string;
  /** What it was done to. */
  subject: JsonObject;
  /** Anything else worth keeping. */
  details: JsonObject;
}

/** An audit entry to write. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Exemptions and the audit log, on the plugin's database. */
export interface ExemptionStore {
  /** Stores a request and its audit entry in one transaction. */
  create(input: NewExemption): Promise<Exemption>;

  /** One exemption, or undefined. */
  get(id: string): Promise<Exemption | undefined>;

  /**
   * Moves an exemption from one of `from` to the decision's status, with its audit entry, in one
   * transaction; returns undefined when it is no longer in one of `from` (a concurrent decision won).
   */
  decide(
    id: string,
    from: ExemptionStatus[],
    decision: ExemptionDecision,
  ): Promise<Exemption | undefined>;

  /** Exemptions matching the filters, newest request first. */
  list(query?: ExemptionQuery): Promise<Exemption[]>;

  /** How many exemptions match the filters. */
  count(filter?: ExemptionFilter): Promise<number>;

  /** The distinct entities of the exemptions matching the filters. */
  entityRefs(filter?: ExemptionFilter): Promise<string[]>;

  /** The `entity|definition|check` keys of approved, unexpired exemptions of these entities. */
  activeFor(entityRefs: string[]): Promise<Set<string>>;

  /**
   * Approved exemptions that have expired and whose entity has not been re-evaluated since; marks them
   * (with an `exemption.expired` audit entry) so each is handed out once.
   */
  claimExpired(limit?: number): Promise<Exemption[]>;

  /** The newest audit entries, newest first. */
  audit(options?: { limit?: number; before?: number }): Promise<AuditEntry[]>;
}
