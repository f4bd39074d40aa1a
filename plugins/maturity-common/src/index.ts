/**
 * Ratchet's shared domain: the Scorecard, Campaign and Checklist catalog kinds, their JSON Schemas and
 * validation, and the types of facts, checks and results.
 *
 * @packageDocumentation
 */
export * from './kinds';
export * from './validation';
export * from './domain';
export * from './permissions';
