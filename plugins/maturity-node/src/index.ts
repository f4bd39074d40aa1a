/**
 * Node library of the Ratchet maturity plugin: the `maturity.factSources` extension point and the
 * `FactSource` interface that fact source modules implement.
 *
 * @packageDocumentation
 */
export * from './FactSource';
export * from './extensions';
