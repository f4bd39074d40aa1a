import type { OffsetPage } from './common';

/** The state of an exemption request. */
export type ExemptionStatus = 'requested' | 'approved' | 'denied' | 'revoked';

/** An exemption of one check for one entity. */
export interface Exemption {
  id: string;
  entityRef: string;
  /** The scorecard or campaign ref. */
  definitionRef: string;
  checkId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: ExemptionStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  expiresAt?: string;
  /** Approved and not expired now. */
  active: boolean;
}

/** A page of exemptions, newest request first. */
export type ExemptionPage = OffsetPage<Exemption>;

/** The query parameters of `GET /exemptions`. */
export interface ExemptionListQuery {
  entityRef?: string;
  /** A scorecard or campaign ref (a bare name means a scorecard). */
  scorecard?: string;
  /** Same as `scorecard`; when both are given they must name the same definition. */
  definitionRef?: string;
  /** Only exemptions of this check (of any definition unless one is given). */
  checkId?: string;
  status?: ExemptionStatus;
  limit?: number;
  offset?: number;
}

/** The body of `POST /exemptions`. */
export interface ExemptionRequest {
  entityRef: string;
  /** The scorecard or campaign ref. */
  definitionRef: string;
  checkId: string;
  reason: string;
  expiresAt?: string;
}

/** The body of denying or revoking an exemption. */
export interface ExemptionDecision {
  comment?: string;
}

/** The body of approving an exemption; `expiresAt: null` approves it without expiry. */
export interface ExemptionApproval extends ExemptionDecision {
  expiresAt?: string | null;
}
