import type { ApiRoutes } from '../http/context';
import type { ScorecardContext } from './context';
import { registerEntityRoutes } from './entities';
import { registerScorecardRoutes } from './scorecards';

export type { ExemptionReader, ScorecardContext } from './context';

/** The read side of the API over results: scorecards, entities, reports, roll-ups, check history, gate. */
export function createScorecardRoutes(ctx: ScorecardContext): ApiRoutes {
  return router => {
    registerScorecardRoutes(router, ctx);
    registerEntityRoutes(router, ctx);
  };
}
