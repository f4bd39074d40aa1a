/**
 * Ratchet's shared domain: the Scorecard, Campaign and Checklist catalog kinds, their JSON Schemas and
 * validation, the types of facts, checks and results, and the models of the maturity REST API.
 *
 * @packageDocumentation
 */
export * from './kinds';
export * from './validation';
export * from './domain';
export * from './permissions';
export * from './api';
export * from './attestation';
export * from './csv';
// The generated fetch client of the maturity API (the frontend's MaturityClient may wrap it).
export { DefaultApiClient } from './schema/openapi';
export type { RequestOptions, TypedResponse } from './schema/openapi';
