/**
 * Ratchet's maturity frontend plugin: entity tab and card, scorecards page with org reports, check pages
 * and a Group team view.
 *
 * @packageDocumentation
 */
export {
  maturityPlugin,
  MaturityPage,
  EntityMaturityContent,
  EntityMaturityCard,
  EntityTeamMaturityContent,
  KubernetesTriagePage,
  CampaignsPage,
  EntityCampaignsContent,
  EntityCampaignsCard,
  EntityTeamCampaignsContent,
} from './plugin';
export { isCampaignTarget } from './components/EntityCampaignsContent/conditions';
export { maturityApiRef, MaturityClient } from './api';
export type { MaturityApi, RefParts } from './api';
export type * from './api/types';
// The API models the MaturityApi signatures use, for callers that implement or mock it.
export type {
  BlockingCheck,
  Category,
  CategoryShare,
  CheckDefinition,
  CheckDetail,
  CheckEntity,
  CheckHistory,
  CheckHistoryPoint,
  CheckResultView,
  CheckStatus,
  EntityCampaign,
  EntityHistory,
  EntityScorecard,
  EntityView,
  Exemption,
  ExemptionApproval,
  ExemptionDecision,
  ExemptionListQuery,
  ExemptionRequest,
  ExemptionStatus,
  FailingCondition,
  Level,
  LevelCount,
  LevelReached,
  LevelSnapshot,
  NextLevel,
  OffsetPage,
  ReportFilterQuery,
  ResultCounts,
  ResultStatus,
  Rollup,
  RollupGroup,
  RollupGroupBy,
  ScorecardCheckCounts,
  ScorecardCheckOrder,
  ScorecardCheckPage,
  ScorecardDetail,
  ScorecardEntity,
  ScorecardHistory,
  ScorecardSummary,
  StatusCounts,
  Transition,
} from '@ratchet/backstage-plugin-maturity-common';
export type { EntityMaturityCardProps } from './components/EntityMaturityCard';
export { ReadinessPage, EntityReadinessContent } from './plugin';
export { readinessApiRef } from './api/ReadinessApi';
export type { ReadinessApi } from './api/ReadinessApi';
export { ReadinessClient } from './api/ReadinessClient';
export { readinessRouteRef } from './components/ReadinessCommon/routes';
export { rootRouteRef, scorecardRouteRef, checkRouteRef } from './routes';
export { campaignsRouteRef, campaignRouteRef } from './routes';
