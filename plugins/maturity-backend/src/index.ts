/**
 * The Ratchet maturity backend plugin: fact store, compiled checks, persisted results, history and levels.
 *
 * @packageDocumentation
 */
export { maturityPlugin as default } from './plugin';
