/**
 * Ratchet's maturity frontend plugin: entity tab and card, scorecards page with org reports, check pages
 * and a Group team view.
 *
 * @packageDocumentation
 */
export {
  maturityPlugin,
  MaturityPage,
  EntityMaturityContent,
  EntityMaturityCard,
  EntityTeamMaturityContent,
} from './plugin';
export { maturityApiRef, MaturityClient } from './api';
export type { MaturityApi, MaturityFeatures, RefParts } from './api';
export type * from './api/types';
export type { EntityMaturityCardProps } from './components/EntityMaturityCard';
export { rootRouteRef, scorecardRouteRef, checkRouteRef } from './routes';
