export * from './attestationFacts';
