export { maturityApiRef } from './MaturityApi';
export type { MaturityApi, RefParts } from './MaturityApi';
export { MaturityClient } from './MaturityClient';
export * from './types';
