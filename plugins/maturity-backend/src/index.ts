/**
 * The Ratchet maturity backend plugin: fact store, compiled checks, persisted results, history and levels.
 *
 * @packageDocumentation
 */
export { maturityPlugin as default } from './plugin';
// For permission policies: owners answer, the checklist's reviewers review (see the README).
export {
  createReadinessConditionalDecision,
  readinessConditions,
} from './readiness';
// For tooling and demo seeds that write readiness state on the plugin's database.
export { DatabaseReadinessStore } from './readiness/DatabaseReadinessStore';
