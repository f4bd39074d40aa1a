// Models generated from openapi.yaml (`yarn openapi:generate`), re-exported under the names the plugins use;
// only what the spec has no schema for (query parameters, generic pages) is written here.
import type {
  ApproveExemptionRequest,
  DenyExemptionRequest,
  ExemptionStatus,
  RequestExemptionRequest,
} from '../schema/openapi';

export type {
  Exemption,
  ExemptionPage,
  ExemptionStatus,
} from '../schema/openapi';

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
export type ExemptionRequest = RequestExemptionRequest;

/** The body of denying or revoking an exemption. */
export type ExemptionDecision = DenyExemptionRequest;

/** The body of approving an exemption; `expiresAt: null` approves it without expiry. */
export type ExemptionApproval = ApproveExemptionRequest;
