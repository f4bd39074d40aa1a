import type { JsonValue } from '@backstage/types';
import type { PushValidator } from './push/PushValidator';
import { ApiContext, ApiRouter, callerOf } from '../http/context';

/** The registered fact sources. */
export function registerSourceRoutes(
  router: ApiRouter,
  ctx: ApiContext,
  validator: PushValidator,
) {
  router.get('/sources', async (req, res) => {
    await callerOf(ctx, req);
    res.json({
      items: ctx.collector.sources().map(source => ({
        id: source.id,
        ...(source.title ? { title: source.title } : {}),
        ...(source.description ? { description: source.description } : {}),
        schema: source.schema,
        // A JSON round trip turns durations (luxon or human) into plain JSON.
        schedule: source.schedule
          ? (JSON.parse(JSON.stringify(source.schedule)) as JsonValue)
          : null,
        collects: Boolean(source.collect),
        acceptsPush: validator.accepts(source.id),
      })),
    });
  });
}
