import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EntityView,
  GateReason,
  maturityEvaluatePermission,
} from '@ratchet/backstage-plugin-maturity-common';
import { authorizeEntity } from '../permissions/authorize';
import { resultKey } from '../evaluation';
import type { StoredCheckResult } from '../evaluation';
import {
  ApiRouter,
  callerOf,
  dayOf,
  findDefinition,
  scorecardParam,
  windowStart,
} from '../http/context';
import {
  buildEntityView,
  checkView,
  levelReached,
  levelsOf,
} from './entityView';
import { entityRefOf, normaliseEntityRef } from '../http/refs';
import { entityViewJson } from '../http/viewCache';
import type { ScorecardContext } from './context';

/**
 * Results read after an exemption expired still say `exempt` until the entity is evaluated again; such an
 * entity is re-evaluated on read, so what the caller sees never counts an expired exemption.
 */
async function currentResults(
  ctx: ScorecardContext,
  entityRef: string,
): Promise<StoredCheckResult[]> {
  const results = await ctx.results.getResultsForEntity(entityRef);
  const exempt = results.filter(r => r.status === 'exempt');
  if (exempt.length === 0) return results;
  const active = await ctx.exemptions.activeFor([entityRef]);
  if (
    exempt.every(r =>
      active.has(resultKey(entityRef, r.definitionRef, r.checkId)),
    )
  ) {
    return results;
  }
  await ctx.evaluation.evaluateEntities([entityRef]);
  return ctx.results.getResultsForEntity(entityRef);
}

/** Everything the entity endpoint answers, for an entity the caller can see. */
export async function loadEntityView(
  ctx: ScorecardContext,
  entityRef: string,
  entity: Entity,
): Promise<EntityView> {
  return (await loadEntityViewUntil(ctx, entityRef, entity)).view;
}

/** The entity view and until when it holds at most: the next expiry of an exemption it counts. */
async function loadEntityViewUntil(
  ctx: ScorecardContext,
  entityRef: string,
  entity: Entity,
): Promise<{ view: EntityView; validUntil?: number }> {
  // Results first: reading them may re-evaluate the entity (an expired exemption), which moves levels.
  const [definitions, results, exemptions] = await Promise.all([
    ctx.definitions.getDefinitions(),
    currentResults(ctx, entityRef),
    ctx.exemptions.list({ entityRef, status: ['requested', 'approved'] }),
  ]);
  // One query for the levels on every scorecard, rather than one per scorecard.
  const levels = await ctx.queries.entityLevels(entityRef);
  const expiries = exemptions
    .filter(e => e.active && e.expiresAt)
    .map(e => Date.parse(e.expiresAt!));
  const view = buildEntityView({
    entityRef,
    entity,
    definitions,
    results,
    levels,
    exemptions,
  });
  return expiries.length
    ? { view, validUntil: Math.min(...expiries) }
    : { view };
}

/** Entity results, history, on-demand evaluation and the CI gate. */
export function registerEntityRoutes(router: ApiRouter, ctx: ScorecardContext) {
  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const entityRef = entityRefOf(req.params);
    const entity = await ctx.view.entity(entityRef, credentials);
    const generation = await ctx.results.getViewGeneration();
    const cached = await entityViewJson(ctx, entityRef, generation, () =>
      loadEntityViewUntil(ctx, entityRef, entity),
    );
    // Already serialised (and shared by callers): the typed response only knows the object form. With
    // the ETag set, Express neither hashes the body again nor sends it to a client that has it (304).
    res.setHeader('ETag', cached.etag);
    res.type('application/json').send(cached.json as unknown as EntityView);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const entityRef = entityRefOf(req.params);
    await ctx.view.entity(entityRef, credentials);
    const scorecard = await findDefinition(
      ctx,
      scorecardParam(req.query.scorecard),
      {
        kind: 'Scorecard',
        from: 'query',
      },
    );
    const days = req.query.days ?? 90;
    const since = windowStart(new Date(), days);
    const [snapshots, transitions] = await Promise.all([
      ctx.results.getLevelHistory(entityRef, scorecard.ref, dayOf(since)),
      ctx.results.getTransitions({
        entityRef,
        definitionRef: scorecard.ref,
        limit: 500,
      }),
    ]);
    res.json({
      entityRef,
      scorecardRef: scorecard.ref,
      days,
      snapshots: snapshots.map(s => ({
        day: s.day,
        level: s.level,
        levelIndex: s.levelIndex,
        passed: s.passed,
        total: s.total,
      })),
      transitions: transitions
        .filter(t => Date.parse(t.at) >= since.getTime())
        .map(t => ({
          checkId: t.checkId,
          fromStatus: t.fromStatus,
          toStatus: t.toStatus,
          message: t.message,
          at: t.at,
        })),
    });
  });

  router.post('/evaluate', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const entityRef = normaliseEntityRef(req.body.entityRef);
    // Visibility first: a caller who cannot see the entity learns nothing, not even a 403.
    const entity = await ctx.view.entity(entityRef, credentials);
    await authorizeEntity(
      ctx.permissions,
      maturityEvaluatePermission,
      entityRef,
      credentials,
    );
    await ctx.collector.collectFor([entityRef]);
    res.json(await loadEntityView(ctx, entityRef, entity));
  });

  router.get('/gate', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const entityRef = normaliseEntityRef(req.query.entity);
    const scorecard = await findDefinition(
      ctx,
      scorecardParam(req.query.scorecard),
      {
        kind: 'Scorecard',
        from: 'query',
      },
    );
    const levels = levelsOf(scorecard);
    const requiredIndex = levels.findIndex(l => l.id === req.query.minLevel);
    if (requiredIndex < 0) {
      throw new InputError(
        `${scorecard.ref} has no level '${req.query.minLevel}' (levels: ${levels
          .map(l => l.id)
          .join(', ')})`,
      );
    }
    const entity = await ctx.view.entity(entityRef, credentials);
    const results = await currentResults(ctx, entityRef);
    if (
      !scorecard.appliesTo(entity) &&
      !results.some(r => r.definitionRef === scorecard.ref)
    ) {
      throw new InputError(`${scorecard.ref} does not rate ${entityRef}`);
    }
    const [stored] = await ctx.results.getLevels({
      scorecardRef: scorecard.ref,
      entityRefs: [entityRef],
    });
    const byCheck = new Map(
      results
        .filter(r => r.definitionRef === scorecard.ref)
        .map(r => [r.checkId, r]),
    );
    const position = new Map(levels.map((l, i) => [l.id, i]));
    const reasons: GateReason[] = [];
    for (const check of scorecard.checks) {
      const at =
        check.level !== undefined ? position.get(check.level) : undefined;
      if (at === undefined || at > requiredIndex) continue;
      const view = checkView(check, byCheck.get(check.id));
      if (
        !view.effective ||
        !['fail', 'error', 'pending'].includes(view.status)
      )
        continue;
      reasons.push({
        checkId: check.id,
        title: view.title,
        level: check.level!,
        status: view.status,
        message: view.message,
        ...(view.remediation ? { remediation: view.remediation } : {}),
      });
    }
    const index = stored?.levelIndex ?? -1;
    res.json({
      pass: Boolean(stored) && index >= requiredIndex,
      entityRef,
      scorecardRef: scorecard.ref,
      level: levelReached(levels, index),
      required: levelReached(levels, requiredIndex),
      reasons,
    });
  });
}
