import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { createApiContext } from './http/context';
import { registerEntityRoutes } from './scorecards/entities';
import { registerExemptionRoutes } from './exemptions/routes';
import { registerScorecardRoutes } from './scorecards/scorecards';
import { registerSourceRoutes } from './facts/sourceRoutes';
import { createPushHandler } from './facts/push/pushRoute';
import { PushValidator } from './facts/push/PushValidator';
import { createOpenApiRouter } from './schema/openapi';
import type { MaturityServices } from './services';

/** Largest request body; a push of 1,000 items of a few KB of facts each fits. */
const BODY_LIMIT = '5mb';

/**
 * The maturity REST API (`src/schema/openapi.yaml`). Bodies are parsed once, here, so that parse errors
 * keep their own status (400 for malformed JSON, 413 for too large) instead of all becoming a validator
 * 400. `POST /facts` is served before the validating router: it validates its body itself so that one
 * 400 lists every problem, including those against the sources' schemas, in one format.
 */
export async function createRouter(
  services: MaturityServices,
): Promise<express.Router> {
  const ctx = createApiContext(services);
  const validator = new PushValidator({
    sources: services.collector.sources(),
    catalog: services.catalog,
  });

  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));
  router.post('/facts', createPushHandler(services, validator));

  const api = await createOpenApiRouter({
    // The body is already parsed above; the typed router needs at least one middleware.
    middleware: [(_req: Request, _res: Response, next: NextFunction) => next()],
  });
  registerScorecardRoutes(api, ctx);
  registerEntityRoutes(api, ctx);
  registerExemptionRoutes(api, ctx);
  registerSourceRoutes(api, ctx, validator);
  router.use(api);
  return router;
}
