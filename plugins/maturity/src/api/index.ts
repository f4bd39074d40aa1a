export { maturityApiRef } from './MaturityApi';
export type { MaturityApi, MaturityFeatures, RefParts } from './MaturityApi';
export { MaturityClient } from './MaturityClient';
export * from './types';
