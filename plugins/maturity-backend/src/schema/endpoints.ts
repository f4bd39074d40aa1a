// The endpoint map of openapi.yaml, in the shape repo-tools generates (`#<method>|<path>` keys), kept by
// hand; it types the path, query, body and response of each route of the typed router. The models are
// shared with the frontend through maturity-common.
import type {
  AuditEntry,
  CheckDetail,
  CheckHistory,
  CheckStatus,
  EntityHistory,
  EntityView,
  EvaluateRequest,
  Exemption,
  ExemptionApproval,
  ExemptionDecision,
  ExemptionListQuery,
  ExemptionPage,
  ExemptionRequest,
  FactSourceInfo,
  FactsPushRequest,
  FactsPushResponse,
  GateResult,
  ReportFilterQuery,
  Rollup,
  RollupGroupBy,
  ScorecardCheckOrder,
  ScorecardCheckPage,
  ScorecardDetail,
  ScorecardEntityPage,
  ScorecardHistory,
  ScorecardSummary,
} from '@ratchet/backstage-plugin-maturity-common';

/** The error body every route answers with on failure. */
export interface ErrorModel {
  /** The error. */
  error: { name: string; message: string };
  /** The request. */
  request: { method: string; url: string };
  /** The response. */
  response: { statusCode: number };
}

type ScorecardPath = { namespace: string; name: string };
type CheckPath = ScorecardPath & { checkId: string };
type EntityPath = { kind: string; namespace: string; name: string };

/** Every endpoint of the maturity API. */
export type EndpointMap = {
  '#get|/scorecards': { response: { items: ScorecardSummary[] } | ErrorModel };
  '#get|/scorecards/{namespace}/{name}': {
    path: ScorecardPath;
    response: ScorecardDetail | ErrorModel;
  };
  '#get|/scorecards/{namespace}/{name}/checks': {
    path: ScorecardPath;
    query: ReportFilterQuery & {
      order?: ScorecardCheckOrder;
      limit?: number;
      offset?: number;
    };
    response: ScorecardCheckPage | ErrorModel;
  };
  '#get|/scorecards/{namespace}/{name}/checks/{checkId}': {
    path: CheckPath;
    query: {
      status?: CheckStatus;
      owner?: string;
      limit?: number;
      offset?: number;
    };
    response: CheckDetail | ErrorModel;
  };
  '#get|/scorecards/{namespace}/{name}/checks/{checkId}/history': {
    path: CheckPath;
    query: { days?: number };
    response: CheckHistory | ErrorModel;
  };
  '#get|/scorecards/{namespace}/{name}/rollup': {
    path: ScorecardPath;
    query: { groupBy?: RollupGroupBy } & ReportFilterQuery;
    response: Rollup | ErrorModel;
  };
  '#get|/scorecards/{namespace}/{name}/entities': {
    path: ScorecardPath;
    query: ReportFilterQuery & {
      order?: 'level';
      limit?: number;
      offset?: number;
    };
    response: ScorecardEntityPage | ErrorModel;
  };
  '#get|/scorecards/{namespace}/{name}/history': {
    path: ScorecardPath;
    query: ReportFilterQuery & { days?: number };
    response: ScorecardHistory | ErrorModel;
  };
  '#get|/entities/{kind}/{namespace}/{name}': {
    path: EntityPath;
    response: EntityView | ErrorModel;
  };
  '#get|/entities/{kind}/{namespace}/{name}/history': {
    path: EntityPath;
    query: { scorecard: string; days?: number };
    response: EntityHistory | ErrorModel;
  };
  '#post|/evaluate': {
    body: EvaluateRequest;
    response: EntityView | ErrorModel;
  };
  '#get|/gate': {
    query: { entity: string; scorecard: string; minLevel: string };
    response: GateResult | ErrorModel;
  };
  '#post|/facts': {
    body: FactsPushRequest;
    response: FactsPushResponse | ErrorModel;
  };
  '#get|/sources': { response: { items: FactSourceInfo[] } | ErrorModel };
  '#get|/exemptions': {
    query: ExemptionListQuery;
    response: ExemptionPage | ErrorModel;
  };
  '#post|/exemptions': {
    body: ExemptionRequest;
    response: Exemption | ErrorModel;
  };
  '#post|/exemptions/{id}/approve': {
    path: { id: string };
    body: ExemptionApproval;
    response: Exemption | ErrorModel;
  };
  '#post|/exemptions/{id}/deny': {
    path: { id: string };
    body: ExemptionDecision;
    response: Exemption | ErrorModel;
  };
  '#post|/exemptions/{id}/revoke': {
    path: { id: string };
    body: ExemptionDecision;
    response: Exemption | ErrorModel;
  };
  '#get|/audit': {
    query: { limit?: number; before?: number };
    response: { items: AuditEntry[] } | ErrorModel;
  };
};
