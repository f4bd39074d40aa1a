import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  maturityExemptionApprovePermission,
  maturityExemptionRequestPermission,
} from '@ratchet/backstage-plugin-maturity-common';
import { InputError } from '@backstage/errors';
import type {
  Exemption,
  ExemptionFilter,
  ExemptionStatus,
} from './ExemptionStore';
import {
  authorizeAnyEntity,
  authorizedEntities,
  authorizeEntity,
} from '../permissions/authorize';
import {
  ApiRouter,
  ApiRoutes,
  callerOf,
  HttpContext,
  scorecardParam,
} from '../http/context';
import type { ExemptionService } from './ExemptionService';
import { actorOf, normaliseEntityRef } from '../http/refs';

/** The filters of an exemption list request; `scorecard` and `definitionRef` are one filter by two names. */
function exemptionFilter(query: {
  entityRef?: string;
  scorecard?: string;
  definitionRef?: string;
  checkId?: string;
  status?: ExemptionStatus;
}): ExemptionFilter {
  const definitions = [query.scorecard, query.definitionRef]
    .filter((raw): raw is string => Boolean(raw))
    .map(scorecardParam);
  if (new Set(definitions).size > 1) {
    throw new InputError(
      `scorecard '${query.scorecard}' and definitionRef '${query.definitionRef}' name different definitions`,
    );
  }
  return {
    ...(query.entityRef
      ? { entityRef: normaliseEntityRef(query.entityRef) }
      : {}),
    ...(definitions.length ? { definitionRef: definitions[0] } : {}),
    ...(query.checkId ? { checkId: query.checkId } : {}),
    ...(query.status ? { status: [query.status] } : {}),
  };
}

/** Loads an exemption for a decision: 404 unless the caller can see its entity, 403 without approve. */
async function forDecision(
  ctx: ExemptionContext,
  id: string,
  credentials: BackstageCredentials,
): Promise<Exemption> {
  const exemption = await ctx.exemptions.get(id);
  await ctx.view.entity(exemption.entityRef, credentials);
  await authorizeEntity(
    ctx.permissions,
    maturityExemptionApprovePermission,
    exemption.entityRef,
    credentials,
  );
  return exemption;
}

/** What the exemption routes use. */
export interface ExemptionContext extends HttpContext {
  /** Requests, decisions, the list and the audit log. */
  exemptions: ExemptionService;
}

/** The exemption routes over the service. */
export function createExemptionRoutes(ctx: ExemptionContext): ApiRoutes {
  return router => registerExemptionRoutes(router, ctx);
}

/**
 * A user caller: decisions and the audit log are people's business. A service token (the CI token
 * included) gets 403, so whoever holds one cannot get round "someone else must approve".
 */
function userOf(
  ctx: ExemptionContext,
  req: Parameters<ExemptionContext['httpAuth']['credentials']>[0],
): Promise<BackstageCredentials> {
  return ctx.httpAuth.credentials(req, { allow: ['user'] });
}

/** Exemption requests and decisions, the exemption list and the audit log. */
function registerExemptionRoutes(router: ApiRouter, ctx: ExemptionContext) {
  router.post('/exemptions', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const entityRef = normaliseEntityRef(req.body.entityRef);
    const definitionRef = scorecardParam(req.body.definitionRef);
    await ctx.view.entity(entityRef, credentials);
    await authorizeEntity(
      ctx.permissions,
      maturityExemptionRequestPermission,
      entityRef,
      credentials,
    );
    const exemption = await ctx.exemptions.request(
      {
        entityRef,
        definitionRef,
        checkId: req.body.checkId,
        reason: req.body.reason,
        ...(req.body.expiresAt
          ? { expiresAt: new Date(req.body.expiresAt) }
          : {}),
      },
      actorOf(credentials),
    );
    res.status(201).json(exemption);
  });

  router.post('/exemptions/:id/approve', async (req, res) => {
    const credentials = await userOf(ctx, req);
    const { id } = await forDecision(ctx, req.params.id, credentials);
    const expiresAt = req.body?.expiresAt;
    const approved = await ctx.exemptions.approve(id, actorOf(credentials), {
      comment: req.body?.comment,
      ...(expiresAt !== undefined
        ? { expiresAt: expiresAt === null ? null : new Date(expiresAt) }
        : {}),
    });
    res.json(approved);
  });

  router.post('/exemptions/:id/deny', async (req, res) => {
    const credentials = await userOf(ctx, req);
    const { id } = await forDecision(ctx, req.params.id, credentials);
    const denied = await ctx.exemptions.deny(id, actorOf(credentials), {
      comment: req.body?.comment,
    });
    res.json(denied);
  });

  router.post('/exemptions/:id/revoke', async (req, res) => {
    const credentials = await userOf(ctx, req);
    const { id } = await forDecision(ctx, req.params.id, credentials);
    const revoked = await ctx.exemptions.revoke(id, actorOf(credentials), {
      comment: req.body?.comment,
    });
    res.json(revoked);
  });

  router.get('/exemptions', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const filter = exemptionFilter(req.query);
    const limit = req.query.limit ?? 500;
    const offset = req.query.offset ?? 0;
    // Visibility is the catalog's, so the entities of every matching exemption are checked first; the
    // page and the total are then counted in SQL over the visible ones only.
    const refs = await ctx.exemptions.entityRefs(filter);
    const visible = await ctx.view.summaries(credentials, refs);
    const visibleFilter =
      visible.size === refs.length
        ? filter
        : { ...filter, entityRefs: [...visible.keys()] };
    const [items, total] = await Promise.all([
      ctx.exemptions.list({ ...visibleFilter, limit, offset }),
      ctx.exemptions.count(visibleFilter),
    ]);
    const next = offset + items.length;
    res.json({
      items,
      total,
      limit,
      offset,
      nextOffset: next < total ? next : null,
    });
  });

  router.get('/audit', async (req, res) => {
    const credentials = await userOf(ctx, req);
    // 403 for a caller who may approve nothing; otherwise only entries about entities they may approve.
    await authorizeAnyEntity(
      ctx.permissions,
      maturityExemptionApprovePermission,
      credentials,
    );
    const entries = await ctx.exemptions.audit({
      limit: req.query.limit ?? 100,
      before: req.query.before,
    });
    const refOf = (subject: JsonObject) =>
      typeof subject.entityRef === 'string' ? subject.entityRef : undefined;
    const refs = entries.flatMap(e => refOf(e.subject) ?? []);
    const [allowed, visible] = await Promise.all([
      authorizedEntities(
        ctx.permissions,
        maturityExemptionApprovePermission,
        refs,
        credentials,
      ),
      ctx.view.summaries(credentials, refs),
    ]);
    res.json({
      items: entries.filter(e => {
        const ref = refOf(e.subject);
        return ref !== undefined && allowed.has(ref) && visible.has(ref);
      }),
    });
  });
}
