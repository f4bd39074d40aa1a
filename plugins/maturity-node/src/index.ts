/**
 * Node library of the Ratchet maturity plugin: the `maturity.factSources` extension point, the
 * `FactSource` interface that fact source modules implement, and the shape of the `attestation` facts.
 *
 * @packageDocumentation
 */
export * from './FactSource';
export * from './extensions';
export * from './attestation';
