import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  maturityReadinessAnswerPermission,
  maturityReadinessReviewPermission,
  ReadinessReviewActionRequest,
} from '@ratchet/backstage-plugin-maturity-common';
import type { Request, Router } from 'express';
import type { ApiRouter, ApiRoutes, HttpContext } from '../http/context';
import { callerOf } from '../http/context';
import { actorOf, entityRefOf, normaliseEntityRef } from '../http/refs';
import { auditCsv } from './auditCsv';
import { holdsReadinessPermission } from './permissionRules';
import type { Loaded, ReadinessService } from './ReadinessService';
import {
  readinessOverview,
  Reviewer,
  reviewQueue,
  ReadinessViewContext,
} from './views';

/** What the readiness routes use. */
export interface ReadinessRouteContext extends HttpContext {
  readiness: ReadinessService;
  /** The caller's ownership claims (their groups): reviewers must be in the checklist's group. */
  userInfo: UserInfoService;
  views: Omit<ReadinessViewContext, 'view'>;
}

type EntityParams = { kind: string; namespace: string; name: string };

const REVIEWER_ACTIONS = new Set([
  'approve',
  'request-changes',
  'veto',
  'lift-veto',
]);

async function reviewerOf(
  ctx: ReadinessRouteContext,
  credentials: BackstageCredentials,
): Promise<Reviewer> {
  const actor = actorOf(credentials);
  if ((credentials.principal as { type?: string }).type !== 'user')
    return { actor, claims: new Set() };
  const info = await ctx.userInfo.getUserInfo(
    credentials as BackstageCredentials<never>,
  );
  return {
    actor,
    claims: new Set(
      info.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
    ),
  };
}

async function may(
  ctx: ReadinessRouteContext,
  what: 'answer' | 'review',
  loaded: Loaded,
  entity: Entity,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const permission =
    what === 'answer'
      ? maturityReadinessAnswerPermission
      : maturityReadinessReviewPermission;
  const allowed = await holdsReadinessPermission(
    ctx.permissions,
    permission,
    { entity, reviewersGroup: loaded.checklist.reviewersGroup },
    credentials,
  );
  if (!allowed || what === 'answer') return allowed;
  // Whatever the policy says, only members of the checklist's reviewers group review.
  const { claims } = await reviewerOf(ctx, credentials);
  return claims.has(loaded.checklist.reviewersGroup.toLocaleLowerCase('en-US'));
}

async function require(
  ctx: ReadinessRouteContext,
  what: 'answer' | 'review',
  loaded: Loaded,
  entity: Entity,
  credentials: BackstageCredentials,
): Promise<void> {
  if (!(await may(ctx, what, loaded, entity, credentials))) {
    throw new NotAllowedError(
      what === 'answer'
        ? `Not allowed: ${maturityReadinessAnswerPermission.name} on ${loaded.entityRef} (owners of the entity answer)`
        : `Not allowed: ${maturityReadinessReviewPermission.name} on ${loaded.entityRef} (members of ${loaded.checklist.reviewersGroup} review)`,
    );
  }
}

/** The entity as the caller sees it (404 otherwise), with its readiness loaded. */
async function entityOf(
  ctx: ReadinessRouteContext,
  ref: string,
  credentials: BackstageCredentials,
) {
  const entity = await ctx.view.entity(ref, credentials);
  return { entity, loaded: await ctx.readiness.load(entity) };
}

async function recordView(
  ctx: ReadinessRouteContext,
  loaded: Loaded,
  entity: Entity,
  credentials: BackstageCredentials,
) {
  const [canAnswer, canReview] = await Promise.all([
    may(ctx, 'answer', loaded, entity, credentials),
    may(ctx, 'review', loaded, entity, credentials),
  ]);
  return ctx.readiness.view(loaded, { canAnswer, canReview });
}

/** The readiness routes over the service (`/readiness/...` in openapi.yaml). */
export function createReadinessRoutes(ctx: ReadinessRouteContext): ApiRoutes {
  return router => registerReadinessRoutes(router, ctx);
}

function registerReadinessRoutes(
  router: ApiRouter,
  ctx: ReadinessRouteContext,
) {
  const entityPath = '/readiness/entities/:kind/:namespace/:name';
  const refOf = (req: Request | { params: EntityParams }) =>
    entityRefOf(req.params as EntityParams);

  router.get('/readiness/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const { entity, loaded } = await entityOf(ctx, refOf(req), credentials);
    res.json(await recordView(ctx, loaded, entity, credentials));
  });

  // The typed router has no patch; the body is checked here.
  (router as unknown as Router).patch(entityPath, async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const body = req.body as { targetLaunchDate?: unknown } | undefined;
    const keys = Object.keys(body ?? {});
    if (keys.some(k => k !== 'targetLaunchDate')) {
      throw new InputError(
        `body: unknown field ${keys.find(k => k !== 'targetLaunchDate')}`,
      );
    }
    const date = body?.targetLaunchDate;
    if (date === undefined || (date !== null && typeof date !== 'string')) {
      throw new InputError(
        'targetLaunchDate: required, a date (YYYY-MM-DD) or null',
      );
    }
    const { entity, loaded } = await entityOf(ctx, refOf(req), credentials);
    await require(ctx, 'answer', loaded, entity, credentials);
    const after = await ctx.readiness.setLaunchDate(
      loaded,
      date,
      actorOf(credentials),
    );
    res.json(await recordView(ctx, after, entity, credentials));
  });

  router.put(
    '/readiness/entities/:kind/:namespace/:name/items/:itemId',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const { entity, loaded } = await entityOf(ctx, refOf(req), credentials);
      await require(ctx, 'answer', loaded, entity, credentials);
      const after = await ctx.readiness.answer(
        loaded,
        req.params.itemId,
        req.body,
        actorOf(credentials),
      );
      res.json(await recordView(ctx, after, entity, credentials));
    },
  );

  router.post(
    '/readiness/entities/:kind/:namespace/:name/phase',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const { entity, loaded } = await entityOf(ctx, refOf(req), credentials);
      await require(ctx, 'answer', loaded, entity, credentials);
      const after = await ctx.readiness.movePhase(
        loaded,
        req.body,
        actorOf(credentials),
      );
      res.json(await recordView(ctx, after, entity, credentials));
    },
  );

  router.post(
    '/readiness/entities/:kind/:namespace/:name/reviews',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const { entity, loaded } = await entityOf(ctx, refOf(req), credentials);
      await require(ctx, 'answer', loaded, entity, credentials);
      res
        .status(201)
        .json(
          await ctx.readiness.requestReview(
            loaded,
            req.body,
            actorOf(credentials),
          ),
        );
    },
  );

  router.get(
    '/readiness/entities/:kind/:namespace/:name/audit',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const ref = refOf(req);
      await ctx.view.entity(ref, credentials);
      const limit = req.query.limit ?? 100;
      const items = await ctx.readiness.store.audit(ref, {
        limit,
        before: req.query.before,
      });
      res.json({
        items,
        nextBefore: items.length === limit ? items[items.length - 1].id : null,
      });
    },
  );

  router.get(
    '/readiness/entities/:kind/:namespace/:name/audit/export',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const ref = refOf(req);
      await ctx.view.entity(ref, credentials);
      const entries = await ctx.readiness.store.auditAll(ref);
      const name = `readiness-audit-${req.params.namespace}-${req.params.name}`;
      if (req.query.format === 'json') {
        res.setHeader(
          'content-disposition',
          `attachment; filename="${name}.json"`,
        );
        res.json(entries);
        return;
      }
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader(
        'content-disposition',
        `attachment; filename="${name}.csv"`,
      );
      (res as unknown as { send(body: string): void }).send(auditCsv(entries));
    },
  );

  router.get('/readiness/reviews', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const reviewer = await reviewerOf(ctx, credentials);
    res.json(
      await reviewQueue(
        { ...ctx.views, view: ctx.view },
        credentials,
        req.query,
        reviewer,
      ),
    );
  });

  const reviewOf = async (id: string, credentials: BackstageCredentials) => {
    const review = await ctx.readiness.store.getReview(id);
    if (!review) throw new NotFoundError(`readiness review ${id} not found`);
    return { review, ...(await entityOf(ctx, review.entityRef, credentials)) };
  };

  router.get('/readiness/reviews/:id', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    res.json((await reviewOf(req.params.id, credentials)).review);
  });

  router.post('/readiness/reviews/:id/actions', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const { entity, loaded } = await reviewOf(req.params.id, credentials);
    const body = req.body as ReadinessReviewActionRequest;
    await require(ctx, REVIEWER_ACTIONS.has(body.action)
      ? 'review'
      : 'answer', loaded, entity, credentials);
    res.json(
      await ctx.readiness.actOnReview(
        loaded,
        req.params.id,
        body,
        actorOf(credentials),
      ),
    );
  });

  router.get('/readiness/gate', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const ref = normaliseEntityRef(req.query.entity);
    const { loaded } = await entityOf(ctx, ref, credentials);
    res.json(ctx.readiness.gate(loaded, req.query.phase));
  });

  router.get('/readiness/overview', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    res.json(
      await readinessOverview(
        { ...ctx.views, view: ctx.view },
        credentials,
        req.query,
      ),
    );
  });
}
