import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { FactSource } from './FactSource';

/** Lets backend modules contribute fact sources to the maturity plugin. */
export interface MaturityFactSourcesExtensionPoint {
  /** Adds sources; their ids must be unique across all modules. */
  addFactSource(...sources: FactSource[]): void;
}

/** The extension point `maturity.factSources`. */
export const maturityFactSourcesExtensionPoint =
  createExtensionPoint<MaturityFactSourcesExtensionPoint>({
    id: 'maturity.factSources',
  });
