import express, {
  NextFunction,
  Request,
  RequestHandler,
  Response,
} from 'express';
import Router from 'express-promise-router';
import type { ApiRoutes } from './http/context';
import { createRequestValidation } from './http/validation';
import { createOpenApiRouter, spec } from './schema/openapi';

/** Largest request body; a push of 1,000 items of a few KB of facts each fits. */
const BODY_LIMIT = '5mb';

/**
 * The maturity REST API (`src/schema/openapi.yaml`), assembled from the capabilities' routes. Bodies are
 * parsed once, here, so that parse errors keep their own status (400 for malformed JSON, 413 for too
 * large) instead of all becoming a validator 400. `POST /facts` is served before the validating router:
 * it validates its body itself so that one 400 lists every problem, including those against the
 * sources' schemas, in one format.
 */
export async function createRouter(options: {
  /** The `POST /facts` handler. */
  push: RequestHandler;
  /** Every capability's routes on the typed router. */
  routes: ApiRoutes[];
}): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));
  // Every route, POST /facts included, passes the strict layer first (finite numbers, real dates, no NUL).
  router.use(createRequestValidation(spec));
  router.post('/facts', options.push);

  const api = await createOpenApiRouter({
    // The body is already parsed above; the typed router needs at least one middleware.
    middleware: [(_req: Request, _res: Response, next: NextFunction) => next()],
  });
  for (const register of options.routes) register(api);
  router.use(api);
  return router;
}
