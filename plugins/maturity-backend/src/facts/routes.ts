import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import type { RequestHandler } from 'express';
import { ApiRouter, ApiRoutes, callerOf } from '../http/context';
import type { FactIntake } from './FactIntake';
import { createPushHandler } from './push/pushRoute';
import { PushValidator } from './push/PushValidator';
import type { PushSourceAccess } from '../permissions/pushSources';

/** The fact routes: `POST /facts` (validated by itself, served before the typed router) and `GET /sources`. */
export function createFactRoutes(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  catalog: CatalogService;
  intake: FactIntake;
  sources: FactSource[];
  pushAccess?: PushSourceAccess;
}): { push: RequestHandler; routes: ApiRoutes } {
  const validator = new PushValidator({
    sources: options.sources,
    catalog: options.catalog,
  });
  return {
    push: createPushHandler(options, validator),
    routes: router => registerSourceRoutes(router, options, validator),
  };
}

/** The registered fact sources. */
function registerSourceRoutes(
  router: ApiRouter,
  ctx: { httpAuth: HttpAuthService; sources: FactSource[] },
  validator: PushValidator,
) {
  router.get('/sources', async (req, res) => {
    await callerOf(ctx, req);
    res.json({
      items: ctx.sources.map(source => ({
        id: source.id,
        ...(source.title ? { title: source.title } : {}),
        ...(source.description ? { description: source.description } : {}),
        schema: source.schema,
        // A JSON round trip turns durations (luxon or human) into plain JSON.
        schedule: source.schedule
          ? (JSON.parse(JSON.stringify(source.schedule)) as JsonObject)
          : null,
        collects: source.mode === 'collect',
        acceptsPush: validator.accepts(source.id),
      })),
    });
  });
}
