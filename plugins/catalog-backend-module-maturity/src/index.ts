/**
 * Catalog module for Ratchet: validates the Scorecard, Campaign and Checklist kinds, with errors that
 * name the field, and emits their ownership relations.
 *
 * @packageDocumentation
 */
export { catalogModuleMaturityKinds as default } from './module';
export { RatchetKindsProcessor } from './processor';
