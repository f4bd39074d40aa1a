// Models generated from openapi.yaml (`yarn openapi:generate`), re-exported under the names the plugins use;
// only what the spec has no schema for (query parameters, the state lists) is written here.
import type {
  CampaignState,
  CampaignTargetState,
  EndCampaignRequest,
  NudgeCampaignRequest,
} from '../schema/openapi';

export type {
  CampaignCheckInfo,
  CampaignDetail,
  CampaignFailingCheck,
  CampaignNudgeResponse,
  CampaignOwnerProgress,
  CampaignOwnerProgressList,
  CampaignProgress,
  CampaignProgressHistory,
  CampaignProgressPoint,
  CampaignPromotion,
  CampaignState,
  CampaignSummary,
  CampaignTarget,
  CampaignTargetPage,
  CampaignTargetState,
  CampaignTransition,
  TargetedCampaign,
  TargetedCampaignList,
} from '../schema/openapi';

/** Every campaign state, in lifecycle order. */
export const CAMPAIGN_STATES: readonly CampaignState[] = [
  'draft',
  'scheduled',
  'inProgress',
  'delayed',
  'completed',
  'endedEarly',
];

/** Every target state. */
export const CAMPAIGN_TARGET_STATES: readonly CampaignTargetState[] = [
  'notStarted',
  'failing',
  'passing',
  'exempt',
];

/** The query of `GET /campaigns`. */
export interface CampaignListQuery {
  state?: CampaignState;
  /** Campaigns owned by this group (ref or name). */
  owner?: string;
  /** Campaigns with targets owned by this group (ref or name); adds `ownerProgress`. */
  targetOwner?: string;
}

/** The query of `GET /campaigns/{namespace}/{name}/targets`. */
export interface CampaignTargetQuery {
  owner?: string;
  state?: CampaignTargetState;
  limit?: number;
  offset?: number;
}

/** The body of `POST /campaigns/{namespace}/{name}/nudge`. */
export type CampaignNudgeRequest = NudgeCampaignRequest;

/** The body of `POST /campaigns/{namespace}/{name}/end`. */
export type CampaignEndRequest = EndCampaignRequest;
