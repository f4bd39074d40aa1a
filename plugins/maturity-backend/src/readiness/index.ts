/*
 * Operational readiness: checklist records, answers, phases, reviews and audit; the only writer of the
 * `attestation` facts. plugin.ts composes it; policies use the exported conditions.
 */
export { composeReadiness } from './compose';
export {
  createReadinessConditionalDecision,
  readinessConditions,
  readinessResourceRef,
  readinessRules,
} from './permissionRules';
export type { ReadinessResource } from './permissionRules';
