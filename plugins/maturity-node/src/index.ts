/**
 * Node library of the Ratchet maturity plugin: the `maturity.factSources` extension point and the
 * `FactSource` interface that fact source modules implement. Shared types (the `attestation` facts
 * included) live in maturity-common.
 *
 * @packageDocumentation
 */
export * from './FactSource';
export * from './extensions';
