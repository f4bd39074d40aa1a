/*
 * Frontend-only types around the API models. The models themselves (the request and response bodies of
 * openapi.yaml) live in @ratchet/backstage-plugin-maturity-common, shared with the backend.
 */
import type { ExemptionListQuery } from '@ratchet/backstage-plugin-maturity-common';

/** Filters of the exemption list: the query of `GET /exemptions` without its paging. */
export type ExemptionFilters = Pick<
  ExemptionListQuery,
  'entityRef' | 'definitionRef' | 'checkId' | 'status'
>;
