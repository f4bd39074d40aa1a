import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  EvaluateRequest,
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
import type { MaturityApi, RefParts } from './MaturityApi';
import type { ExemptionFilters } from './types';

type Query = Record<string, string | number | undefined>;

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function scorecardPath({ namespace, name }: RefParts): string {
  return `/scorecards/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

function campaignPath({ namespace, name }: RefParts): string {
  return `/campaigns/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

function entityPath(entityRef: string): string {
  const match = /^([^:]+):(?:([^/]+)\/)?(.+)$/.exec(entityRef);
  if (!match) throw new TypeError(`Invalid entity ref '${entityRef}'`);
  const [, kind, namespace = 'default', name] = match;
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function filterQuery(filters: ReportFilterQuery = {}): Query {
  const { owner, system, lifecycle, kind } = filters;
  return { owner, system, lifecycle, kind };
}

/** The HTTP client of the maturity backend (`discoveryApi.getBaseUrl('maturity')`). */
export class MaturityClient implements MaturityApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listScorecards(): Promise<ScorecardSummary[]> {
    const body = await this.#request<{ items: ScorecardSummary[] }>(
      '/scorecards',
    );
    return body.items;
  }

  getScorecard(scorecard: RefParts): Promise<ScorecardDetail> {
    return this.#request(scorecardPath(scorecard));
  }

  getRollup(
    scorecard: RefParts,
    options: { groupBy: RollupGroupBy; filters?: ReportFilterQuery },
  ): Promise<Rollup> {
    return this.#request(
      withQuery(`${scorecardPath(scorecard)}/rollup`, {
        groupBy: options.groupBy,
        ...filterQuery(options.filters),
      }),
    );
  }

  listScorecardEntities(
    scorecard: RefParts,
    options: { filters?: ReportFilterQuery; limit: number; offset: number },
  ): Promise<OffsetPage<ScorecardEntity>> {
    return this.#request(
      withQuery(`${scorecardPath(scorecard)}/entities`, {
        ...filterQuery(options.filters),
        order: 'level',
        limit: options.limit,
        offset: options.offset,
      }),
    );
  }

  getScorecardHistory(
    scorecard: RefParts,
    options: { days: number; filters?: ReportFilterQuery },
  ): Promise<ScorecardHistory> {
    return this.#request(
      withQuery(`${scorecardPath(scorecard)}/history`, {
        days: options.days,
        ...filterQuery(options.filters),
      }),
    );
  }

  listScorecardChecks(
    scorecard: RefParts,
    options: {
      filters?: ReportFilterQuery;
      order?: ScorecardCheckOrder;
      limit?: number;
      offset?: number;
    },
  ): Promise<ScorecardCheckPage> {
    return this.#request(
      withQuery(`${scorecardPath(scorecard)}/checks`, {
        ...filterQuery(options.filters),
        order: options.order,
        limit: options.limit,
        offset: options.offset,
      }),
    );
  }

  getCheck(
    scorecard: RefParts,
    checkId: string,
    options: {
      status?: CheckStatus;
      owner?: string;
      limit?: number;
      offset?: number;
    } = {},
  ): Promise<CheckDetail> {
    return this.#request(
      withQuery(
        `${scorecardPath(scorecard)}/checks/${encodeURIComponent(checkId)}`,
        options,
      ),
    );
  }

  getCheckHistory(
    scorecard: RefParts,
    checkId: string,
    options: { days?: number } = {},
  ): Promise<CheckHistory> {
    return this.#request(
      withQuery(
        `${scorecardPath(scorecard)}/checks/${encodeURIComponent(
          checkId,
        )}/history`,
        options,
      ),
    );
  }

  getEntity(entityRef: string): Promise<EntityView> {
    return this.#request(entityPath(entityRef));
  }

  getEntityHistory(
    entityRef: string,
    options: { scorecard: string; days?: number },
  ): Promise<EntityHistory> {
    return this.#request(
      withQuery(`${entityPath(entityRef)}/history`, options),
    );
  }

  evaluate(entityRef: string): Promise<EntityView> {
    const body: EvaluateRequest = { entityRef };
    return this.#post('/evaluate', body);
  }

  async listExemptions(
    options: Pick<
      ExemptionListQuery,
      'entityRef' | 'scorecard' | 'status'
    > = {},
  ): Promise<Exemption[]> {
    const body = await this.#request<{ items: Exemption[] }>(
      withQuery('/exemptions', options),
    );
    return body.items;
  }

  listExemptionPage(
    options: ExemptionFilters & { limit: number; offset: number },
  ): Promise<OffsetPage<Exemption>> {
    return this.#request(withQuery('/exemptions', { ...options }));
  }

  requestExemption(request: ExemptionRequest): Promise<Exemption> {
    return this.#post('/exemptions', request);
  }

  approveExemption(
    id: string,
    options: ExemptionApproval = {},
  ): Promise<Exemption> {
    return this.#post(`/exemptions/${encodeURIComponent(id)}/approve`, options);
  }

  denyExemption(
    id: string,
    options: ExemptionDecision = {},
  ): Promise<Exemption> {
    return this.#post(`/exemptions/${encodeURIComponent(id)}/deny`, options);
  }

  revokeExemption(
    id: string,
    options: ExemptionDecision = {},
  ): Promise<Exemption> {
    return this.#post(`/exemptions/${encodeURIComponent(id)}/revoke`, options);
  }

  async listCampaigns(query: CampaignListQuery = {}): Promise<CampaignSummary[]> {
    const body = await this.#request<{ items: CampaignSummary[] }>(
      withQuery('/campaigns', { ...query }),
    );
    return body.items;
  }

  getCampaign(campaign: RefParts): Promise<CampaignDetail> {
    return this.#request(campaignPath(campaign));
  }

  listCampaignTargets(
    campaign: RefParts,
    query: CampaignTargetQuery = {},
  ): Promise<CampaignTargetPage> {
    return this.#request(
      withQuery(`${campaignPath(campaign)}/targets`, { ...query }),
    );
  }

  getCampaignProgress(
    campaign: RefParts,
    options: { days?: number } = {},
  ): Promise<CampaignProgressHistory> {
    return this.#request(
      withQuery(`${campaignPath(campaign)}/progress`, options),
    );
  }

  listCampaignOwners(campaign: RefParts): Promise<CampaignOwnerProgressList> {
    return this.#request(`${campaignPath(campaign)}/owners`);
  }

  nudgeCampaign(
    campaign: RefParts,
    request: CampaignNudgeRequest = {},
  ): Promise<CampaignNudgeResponse> {
    return this.#post(`${campaignPath(campaign)}/nudge`, request);
  }

  endCampaign(
    campaign: RefParts,
    request: CampaignEndRequest,
  ): Promise<CampaignDetail> {
    return this.#post(`${campaignPath(campaign)}/end`, request);
  }

  getEntityCampaigns(entityRef: string): Promise<TargetedCampaignList> {
    return this.#request(`${entityPath(entityRef)}/campaigns`);
  }

  #post<T>(path: string, body: object): Promise<T> {
    return this.#request<T>(path, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('maturity');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
