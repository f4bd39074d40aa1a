import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CAMPAIGN_STATES,
  CAMPAIGN_TARGET_STATES,
  CampaignOwnerProgressList,
  CampaignProgressHistory,
  CampaignTargetPage,
  maturityCampaignEndPermission,
  maturityCampaignNudgePermission,
  TargetedCampaignList,
} from '@ratchet/backstage-plugin-maturity-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ApiRoutes, callerOf, HttpContext, windowStart } from '../http/context';
import {
  actorOf,
  entityRefOf,
  normaliseEntityRef,
  principalKey,
} from '../http/refs';
import { authorizeEntity } from '../permissions/authorize';
import { addDays, dayOf } from './calendar';
import type { CampaignNotifier } from './CampaignNotifier';
import type { CampaignService, CompiledCampaign } from './CampaignService';
import type { CampaignStore } from './CampaignStore';
import {
  CampaignViews,
  definitionHealth,
  normaliseGroup,
  targetView,
  checksOf,
} from './CampaignViews';
import { isOpen } from './lifecycle';
import { ResponseCache } from './responseCache';

/** What the campaign routes use. */
export interface CampaignRouteContext extends HttpContext {
  campaigns: CampaignService;
  store: CampaignStore;
  notifier: CampaignNotifier;
  now?: () => Date;
}

const ref = z.string().min(1).max(255);
const listQuery = z.strictObject({
  state: z.enum(CAMPAIGN_STATES).optional(),
  owner: ref.optional(),
  targetOwner: ref.optional(),
});
const targetQuery = z.strictObject({
  owner: ref.optional(),
  state: z.enum(CAMPAIGN_TARGET_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const daysQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(365).optional(),
});
const empty = z.strictObject({});
const nudgeBody = z.strictObject({ owner: ref.optional() });
const endBody = z.strictObject({ reason: z.string().max(4000) });

/** Parses a query or body with zod; an InputError names the field. */
function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || where;
  const unknown =
    issue.code === 'unrecognized_keys' ? ` ${issue.keys.join(', ')}` : '';
  throw new InputError(`Invalid ${where} ${field}${unknown}: ${issue.message}`);
}

/**
 * The campaign routes: list, one campaign, its targets, burn-up, per-owner progress, the entity's
 * campaigns, and the two permissioned actions (nudge, end early). Reads use precomputed progress.
 */
export function createCampaignRouter(
  ctx: CampaignRouteContext,
): express.Router {
  const now = ctx.now ?? (() => new Date());
  const views = new CampaignViews(ctx.store, now);
  const cache = new ResponseCache();
  const router = Router();

  /**
   * Answers a read from the response cache: per caller and URL, until campaign state (any instance) or a
   * campaign definition changes, at most 10 s (catalog visibility). Input is validated before.
   */
  async function reply(
    req: express.Request,
    res: express.Response,
    credentials: BackstageCredentials,
    compute: () => Promise<unknown>,
  ) {
    const definitions = [...(await ctx.campaigns.campaigns()).values()]
      .map(c => c.hash)
      .join(',');
    const generation = `${await ctx.store.generation()}|${definitions}`;
    const key = `${principalKey(credentials)}|${req.originalUrl}`;
    const json = await cache.json(key, generation, compute);
    res.type('application/json').send(json);
  }

  /** The campaign of a path, if the caller can see it in the catalog (404 otherwise). */
  async function campaignOf(
    params: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<CompiledCampaign> {
    const campaignRef = normaliseEntityRef(
      `campaign:${params.namespace}/${params.name}`,
      { label: 'campaign ref' },
    );
    const campaign = (await ctx.campaigns.campaigns()).get(campaignRef);
    if (!campaign) throw new NotFoundError(`No campaign ${campaignRef}`);
    await ctx.view.entity(campaignRef, credentials);
    return campaign;
  }

  router.get('/campaigns', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const query = parse(listQuery, req.query, 'query parameter');
    await reply(req, res, credentials, async () => {
      const campaigns = await ctx.campaigns.campaigns();
      const visible = await ctx.view.summaries(credentials, [
        ...campaigns.keys(),
      ]);
      const owner = query.owner && normaliseGroup(query.owner);
      const targetOwner =
        query.targetOwner && normaliseGroup(query.targetOwner);
      const ofOwner = targetOwner
        ? await ctx.store.progressOfOwner(targetOwner)
        : undefined;
      const items = [];
      for (const campaign of campaigns.values()) {
        if (!visible.has(campaign.ref)) continue;
        if (ofOwner && !ofOwner.has(campaign.ref)) continue;
        const summary = await views.summary(
          campaign,
          await views.record(campaign),
          ofOwner?.get(campaign.ref),
        );
        if (query.state && summary.state !== query.state) continue;
        if (owner && summary.owner !== owner) continue;
        items.push(summary);
      }
      return { items: views.sort(items) };
    });
  });

  router.get('/campaigns/:namespace/:name', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    parse(empty, req.query, 'query parameter');
    await reply(req, res, credentials, async () => {
      const campaign = await campaignOf(req.params, credentials);
      return views.detail(
        campaign,
        await views.record(campaign),
        await definitionHealth(ctx.campaigns, campaign),
      );
    });
  });

  router.get('/campaigns/:namespace/:name/targets', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const query = parse(targetQuery, req.query, 'query parameter');
    await reply(req, res, credentials, async () => {
      const campaign = await campaignOf(req.params, credentials);
      const limit = query.limit ?? 100;
      const offset = query.offset ?? 0;
      // Visibility is the catalog's: the page is counted in SQL over the targets the caller can see.
      const all = await ctx.store.targetRefs(campaign.ref);
      const visible = await ctx.view.summaries(credentials, all);
      const page = await ctx.store.pageTargets(campaign.ref, {
        ...(query.owner !== undefined
          ? { owner: normaliseGroup(query.owner) }
          : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(visible.size === all.length
          ? {}
          : { entityRefs: [...visible.keys()] }),
        limit,
        offset,
      });
      const next = offset + page.items.length;
      const body: CampaignTargetPage = {
        items: page.items.map(t => targetView(campaign, t)),
        total: page.total,
        limit,
        offset,
        nextOffset: next < page.total ? next : null,
      };
      return body;
    });
  });

  router.get('/campaigns/:namespace/:name/progress', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const query = parse(daysQuery, req.query, 'query parameter');
    await reply(req, res, credentials, async () => {
      const campaign = await campaignOf(req.params, credentials);
      const { spec } = campaign.entity;
      const from = query.days
        ? dayOf(windowStart(now(), query.days))
        : addDays(spec.startDate, -1);
      const record = await views.record(campaign);
      const projection = await views.projection(campaign, record);
      const body: CampaignProgressHistory = {
        campaignRef: campaign.ref,
        startDate: spec.startDate,
        dueDate: spec.dueDate,
        points: await ctx.store.getSnapshots(campaign.ref, from),
        projection: { ...projection, windowDays: 14 },
      };
      return body;
    });
  });

  router.get('/campaigns/:namespace/:name/owners', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    parse(empty, req.query, 'query parameter');
    await reply(req, res, credentials, async () => {
      const campaign = await campaignOf(req.params, credentials);
      const items = (await ctx.store.ownerProgress(campaign.ref)).sort(
        (a, b) =>
          (a.progress.ratio ?? 1) - (b.progress.ratio ?? 1) ||
          b.progress.targets - a.progress.targets ||
          String(a.owner).localeCompare(String(b.owner)),
      );
      const body: CampaignOwnerProgressList = {
        campaignRef: campaign.ref,
        items,
      };
      return body;
    });
  });

  router.post('/campaigns/:namespace/:name/nudge', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const body = parse(nudgeBody, req.body, 'body field');
    const campaign = await campaignOf(req.params, credentials);
    await authorizeEntity(
      ctx.permissions,
      maturityCampaignNudgePermission,
      campaign.ref,
      credentials,
    );
    const record = await views.record(campaign);
    if (!isOpen(record.state)) {
      throw new ConflictError(
        `Campaign ${campaign.ref} is ${record.state}; only a campaign in progress or delayed can nudge`,
      );
    }
    res.json(
      await ctx.notifier.nudge(campaign, {
        ...(body.owner ? { owner: normaliseGroup(body.owner) } : {}),
        overdue: record.state === 'delayed',
      }),
    );
  });

  router.post('/campaigns/:namespace/:name/end', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const body = parse(endBody, req.body, 'body field');
    const reason = body.reason.trim();
    if (!reason)
      throw new InputError('Invalid body field reason: must not be empty');
    const campaign = await campaignOf(req.params, credentials);
    await authorizeEntity(
      ctx.permissions,
      maturityCampaignEndPermission,
      campaign.ref,
      credentials,
    );
    const record = await views.record(campaign);
    if (record.state === 'completed' || record.state === 'endedEarly') {
      throw new ConflictError(
        `Campaign ${campaign.ref} is already ${record.state}`,
      );
    }
    const ended = await ctx.store.transition(campaign.ref, {
      ...((await ctx.store.getCampaign(campaign.ref))
        ? { from: record.state }
        : {}),
      to: 'endedEarly',
      cause: `ended early: ${reason}`,
      actor: actorOf(credentials),
      at: now(),
    });
    if (!ended) {
      throw new ConflictError(
        `Campaign ${campaign.ref} changed state meanwhile; try again`,
      );
    }
    res.json(
      await views.detail(
        campaign,
        await views.record(campaign),
        await definitionHealth(ctx.campaigns, campaign),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    parse(empty, req.query, 'query parameter');
    await reply(req, res, credentials, async () => {
      const entityRef = entityRefOf(req.params);
      await ctx.view.entity(entityRef, credentials);
      const campaigns = await ctx.campaigns.campaigns();
      const items = [];
      for (const target of await ctx.store.targetsOfEntity(entityRef)) {
        const campaign = campaigns.get(target.campaignRef);
        if (!campaign || campaign.entity.spec.draft) continue;
        items.push({
          ...(await views.summary(campaign, await views.record(campaign))),
          target: targetView(campaign, target),
          checks: checksOf(campaign),
        });
      }
      const body: TargetedCampaignList = {
        entityRef,
        items: views.sort(items) as TargetedCampaignList['items'],
      };
      return body;
    });
  });

  return router;
}

/**
 * The campaign routes on the typed router. They validate their own input (zod) and are mounted as one
 * sub-router, so they work whether or not the typed router's spec already lists their paths.
 */
export function createCampaignRoutes(ctx: CampaignRouteContext): ApiRoutes {
  const campaignRouter = createCampaignRouter(ctx);
  return router => {
    (router as unknown as express.Router).use(campaignRouter);
  };
}
