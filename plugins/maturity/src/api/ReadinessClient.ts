import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  type ReadinessAnswerRequest,
  type ReadinessAuditPage,
  type ReadinessGateResult,
  type ReadinessOverview,
  type ReadinessOverviewQuery,
  type ReadinessPhaseRequest,
  type ReadinessQueuePage,
  type ReadinessQueueQuery,
  type ReadinessRecord,
  type ReadinessReview,
  type ReadinessReviewActionRequest,
  type ReadinessReviewRequest,
  type TypedResponse,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ReadinessApi } from './ReadinessApi';

function pathOf(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return { kind, namespace, name };
}

async function body<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok)
    throw await ResponseError.fromResponse(response as Response);
  return response.json();
}

/** The readiness client over the generated OpenAPI client (`discoveryApi.getBaseUrl('maturity')`). */
export class ReadinessClient implements ReadinessApi {
  readonly #api: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#api = new DefaultApiClient(options);
  }

  async getRecord(entityRef: string): Promise<ReadinessRecord | undefined> {
    const response = await this.#api.getReadiness({ path: pathOf(entityRef) });
    // 404: no checklist applies to the entity, which the tab shows as an empty state.
    if (response.status === 404) return undefined;
    return body(response);
  }

  async answerItem(
    entityRef: string,
    itemId: string,
    answer: ReadinessAnswerRequest,
  ): Promise<ReadinessRecord> {
    return body(
      await this.#api.answerReadinessItem({
        path: { ...pathOf(entityRef), itemId },
        body: answer,
      }),
    );
  }

  async setTargetLaunchDate(
    entityRef: string,
    targetLaunchDate: string | null,
  ): Promise<ReadinessRecord> {
    return body(
      await this.#api.updateReadiness({
        path: pathOf(entityRef),
        body: { targetLaunchDate },
      }),
    );
  }

  async movePhase(
    entityRef: string,
    request: ReadinessPhaseRequest,
  ): Promise<ReadinessRecord> {
    return body(
      await this.#api.moveReadinessPhase({
        path: pathOf(entityRef),
        body: request,
      }),
    );
  }

  async requestReview(
    entityRef: string,
    request: ReadinessReviewRequest,
  ): Promise<ReadinessReview> {
    return body(
      await this.#api.requestReadinessReview({
        path: pathOf(entityRef),
        body: request,
      }),
    );
  }

  async actOnReview(
    reviewId: string,
    request: ReadinessReviewActionRequest,
  ): Promise<ReadinessReview> {
    return body(
      await this.#api.actOnReadinessReview({
        path: { id: reviewId },
        body: request,
      }),
    );
  }

  async getAudit(
    entityRef: string,
    options: { limit?: number; before?: number } = {},
  ): Promise<ReadinessAuditPage> {
    return body(
      await this.#api.getReadinessAudit({
        path: pathOf(entityRef),
        query: options,
      }),
    );
  }

  async exportAudit(
    entityRef: string,
    format: 'csv' | 'json',
  ): Promise<string> {
    const response = await this.#api.exportReadinessAudit({
      path: pathOf(entityRef),
      query: { format },
    });
    if (!response.ok)
      throw await ResponseError.fromResponse(response as Response);
    return response.text();
  }

  async listReviews(
    query: ReadinessQueueQuery = {},
  ): Promise<ReadinessQueuePage> {
    return body(await this.#api.listReadinessReviews({ query }));
  }

  async getOverview(
    query: ReadinessOverviewQuery = {},
  ): Promise<ReadinessOverview> {
    return body(await this.#api.getReadinessOverview({ query }));
  }

  async getGate(
    entityRef: string,
    phase: string,
  ): Promise<ReadinessGateResult> {
    return body(
      await this.#api.readinessGate({ query: { entity: entityRef, phase } }),
    );
  }
}
