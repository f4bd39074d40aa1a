import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CampaignDetail,
  CampaignEndRequest,
  CampaignListQuery,
  CampaignNudgeRequest,
  CampaignNudgeResponse,
  CampaignOwnerProgressList,
  CampaignProgressHistory,
  CampaignSummary,
  CampaignTargetPage,
  CampaignTargetQuery,
  CheckDetail,
  CheckHistory,
  CheckStatus,
  EntityHistory,
  EntityView,
  Exemption,
  ExemptionApproval,
  ExemptionDecision,
  ExemptionListQuery,
  ExemptionRequest,
  OffsetPage,
  ReportFilterQuery,
  Rollup,
  RollupGroupBy,
  ScorecardCheckOrder,
  ScorecardCheckPage,
  ScorecardDetail,
  ScorecardEntity,
  ScorecardHistory,
  ScorecardSummary,
  TargetedCampaignList,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ExemptionFilters } from './types';

/** A scorecard (or any entity) named by its compound parts. */
export interface RefParts {
  kind?: string;
  namespace: string;
  name: string;
}

/** The maturity backend as the frontend uses it. */
export interface MaturityApi {
  /** Every scorecard with its level distribution. */
  listScorecards(): Promise<ScorecardSummary[]>;
  /** One scorecard with its checks. */
  getScorecard(scorecard: RefParts): Promise<ScorecardDetail>;
  /** Level distribution and category shares per owner, system, domain or org. */
  getRollup(
    scorecard: RefParts,
    options: { groupBy: RollupGroupBy; filters?: ReportFilterQuery },
  ): Promise<Rollup>;
  /** A page of the scorecard's entities, lowest level first. */
  listScorecardEntities(
    scorecard: RefParts,
    options: { filters?: ReportFilterQuery; limit: number; offset: number },
  ): Promise<OffsetPage<ScorecardEntity>>;
  /** The scorecard's level distribution per day. */
  getScorecardHistory(
    scorecard: RefParts,
    options: { days: number; filters?: ReportFilterQuery },
  ): Promise<ScorecardHistory>;
  /** A page of the scorecard's checks with their counts over the entities passing the filters (a team's: `owner`). */
  listScorecardChecks(
    scorecard: RefParts,
    options: {
      filters?: ReportFilterQuery;
      order?: ScorecardCheckOrder;
      limit?: number;
      offset?: number;
    },
  ): Promise<ScorecardCheckPage>;
  /** A check with counts and a page of the entities it rates. */
  getCheck(
    scorecard: RefParts,
    checkId: string,
    options?: {
      status?: CheckStatus;
      owner?: string;
      limit?: number;
      offset?: number;
    },
  ): Promise<CheckDetail>;
  /** A check's pass rate per day. */
  getCheckHistory(
    scorecard: RefParts,
    checkId: string,
    options?: { days?: number },
  ): Promise<CheckHistory>;
  /** An entity's levels and results on every scorecard and campaign. */
  getEntity(entityRef: string): Promise<EntityView>;
  /** An entity's level history and recent transitions on one scorecard. */
  getEntityHistory(
    entityRef: string,
    options: { scorecard: string; days?: number },
  ): Promise<EntityHistory>;
  /** Collects fresh facts for an entity, evaluates it and returns its results. */
  evaluate(entityRef: string): Promise<EntityView>;
  /** Exemptions, newest request first. */
  listExemptions(
    options?: Pick<ExemptionListQuery, 'entityRef' | 'scorecard' | 'status'>,
  ): Promise<Exemption[]>;
  /** A page of exemptions, newest request first, with the total. */
  listExemptionPage(
    options: ExemptionFilters & { limit: number; offset: number },
  ): Promise<OffsetPage<Exemption>>;
  /** Requests an exemption of one check for one entity. */
  requestExemption(request: ExemptionRequest): Promise<Exemption>;
  /** Approves a requested exemption. */
  approveExemption(id: string, options?: ExemptionApproval): Promise<Exemption>;
  /** Denies a requested exemption. */
  denyExemption(id: string, options?: ExemptionDecision): Promise<Exemption>;
  /** Revokes an approved exemption or withdraws a request. */
  revokeExemption(id: string, options?: ExemptionDecision): Promise<Exemption>;
  /** Campaigns, most urgent first (open by due date, then scheduled, then ended). */
  listCampaigns(query?: CampaignListQuery): Promise<CampaignSummary[]>;
  /** One campaign with its brief, checks, reminders and transitions. */
  getCampaign(campaign: RefParts): Promise<CampaignDetail>;
  /** A page of a campaign's targets, failing first. */
  listCampaignTargets(
    campaign: RefParts,
    query?: CampaignTargetQuery,
  ): Promise<CampaignTargetPage>;
  /** A campaign's daily burn-up and projected completion. */
  getCampaignProgress(
    campaign: RefParts,
    options?: { days?: number },
  ): Promise<CampaignProgressHistory>;
  /** A campaign's progress per owner group, least done first. */
  listCampaignOwners(campaign: RefParts): Promise<CampaignOwnerProgressList>;
  /** Reminds the owners with failing targets now (all, or one group). */
  nudgeCampaign(
    campaign: RefParts,
    request?: CampaignNudgeRequest,
  ): Promise<CampaignNudgeResponse>;
  /** Ends a campaign early with a reason. */
  endCampaign(
    campaign: RefParts,
    request: CampaignEndRequest,
  ): Promise<CampaignDetail>;
  /** The campaigns targeting an entity, open ones first, with its own state. */
  getEntityCampaigns(entityRef: string): Promise<TargetedCampaignList>;
}

/** The API ref of the maturity backend client. */
export const maturityApiRef = createApiRef<MaturityApi>({
  id: 'plugin.maturity.service',
});
