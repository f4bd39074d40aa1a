import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { TypedRouter } from '@backstage/backend-openapi-utils';
import type {
  CompiledDefinition,
  DefinitionCheck,
  DefinitionProvider,
} from '../evaluation';
import type { EndpointMap } from '../schema/openapi';
import type { CatalogView } from './catalogView';
import { normaliseEntityRef } from './refs';

/** The typed router every capability registers its routes on. */
export type ApiRouter = TypedRouter<EndpointMap>;

/** A capability's routes, registered on the typed router by router.ts. */
export type ApiRoutes = (router: ApiRouter) => void;

/** What the routes of every view share: who calls, what they may do, what they may see. */
export interface HttpContext {
  /** Credentials of HTTP callers. */
  httpAuth: HttpAuthService;
  /** Permission decisions. */
  permissions: PermissionsService;
  /** Catalog visibility, cached briefly per caller. */
  view: CatalogView;
}

/** A user or service caller; anonymous requests are refused by httpAuth (401). */
export function callerOf(
  ctx: Pick<HttpContext, 'httpAuth'>,
  req: Parameters<HttpAuthService['credentials']>[0],
): Promise<BackstageCredentials> {
  return ctx.httpAuth.credentials(req, { allow: ['user', 'service'] });
}

/** A definition of a kind by ref; NotFoundError (or InputError for query parameters) when unknown. */
export async function findDefinition(
  ctx: { definitions: DefinitionProvider },
  ref: string,
  options: { kind?: CompiledDefinition['kind']; from?: 'path' | 'query' } = {},
): Promise<CompiledDefinition> {
  const definition = (await ctx.definitions.getDefinitions()).find(
    d => d.ref === ref && (!options.kind || d.kind === options.kind),
  );
  if (!definition) {
    const message = `No ${
      options.kind === 'Campaign' ? 'campaign' : 'scorecard'
    } ${ref}`;
    throw options.from === 'query'
      ? new InputError(message)
      : new NotFoundError(message);
  }
  return definition;
}

/** A check of a definition; NotFoundError when it has none with that id. */
export function findCheck(
  definition: CompiledDefinition,
  checkId: string,
): DefinitionCheck {
  const check = definition.checks.find(c => c.id === checkId);
  if (!check)
    throw new NotFoundError(`${definition.ref} has no check '${checkId}'`);
  return check;
}

/** A scorecard given in a query parameter (a ref or a bare name). */
export function scorecardParam(raw: string): string {
  return normaliseEntityRef(raw, {
    defaultKind: 'scorecard',
    label: 'scorecard',
  });
}

/** 'YYYY-MM-DD' of a moment, in UTC like the snapshots. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first day of a window of `days` days ending today (today included). */
export function windowStart(now: Date, days: number): Date {
  const start = new Date(`${dayOf(now)}T00:00:00.000Z`);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return start;
}
