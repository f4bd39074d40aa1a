import type { JsonObject } from '@backstage/types';
import {
  CheckDefinition,
  definitionHealth,
  DefinitionProblem,
  ScorecardEntityV1alpha1,
  ScorecardSummary,
} from '@ratchet/backstage-plugin-maturity-common';
import type { CompiledDefinition, DefinitionCheck } from '../evaluation';
import {
  ApiRouter,
  callerOf,
  findCheck,
  findDefinition,
  windowStart,
} from '../http/context';
import { describeRule } from './describeRule';
import { refParam, reportFilters } from '../http/filters';
import { categoriesOf, levelsOf, titleOf } from './entityView';
import { passRateHistory, rate } from './history';
import { emptyDistribution, rollupFor } from './rollup';
import { scorecardRefOf } from '../http/refs';
import { registerScorecardCheckRoutes } from './scorecardChecks';
import { registerScorecardReportRoutes } from './scorecardReports';
import type { ScorecardContext } from './context';

function summaryOf(
  definition: CompiledDefinition,
  levelOfEntity: Map<string, string | null>,
): ScorecardSummary {
  const entity = definition.entity as ScorecardEntityV1alpha1;
  const levels = levelsOf(definition);
  const distribution = emptyDistribution(levels.map(l => l.id));
  for (const level of levelOfEntity.values()) {
    const slot = distribution.find(d => d.level === level);
    if (slot) slot.count += 1;
  }
  return {
    ref: definition.ref,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: titleOf(definition),
    ...(entity.metadata.description
      ? { description: entity.metadata.description }
      : {}),
    owner: entity.spec.owner,
    levels,
    categories: categoriesOf(definition),
    checkCount: definition.checks.length,
    entityCount: levelOfEntity.size,
    distribution,
  };
}

/**
 * Definition health of some checks against the installed sources: a source that is not installed, a fact
 * path its schema does not declare — once per problem, instead of only as every entity's error.
 */
export function healthOf(
  ctx: Pick<ScorecardContext, 'collector'>,
  checks: DefinitionCheck[],
): DefinitionProblem[] {
  const sources = new Map(
    ctx.collector.sources().map(s => [s.id, s.schema] as const),
  );
  return definitionHealth(
    checks.map(c => ({ id: c.id, check: c.check })),
    sources,
  );
}

/** A check's definition as the API shows it, rule included as data and as text. */
export function checkDefinitionModel(
  check: DefinitionCheck,
  sourceProblems: DefinitionProblem[],
): CheckDefinition {
  const c = check.check;
  return {
    id: check.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    ...(check.level ? { level: check.level } : {}),
    ...(check.category ? { category: check.category } : {}),
    ...(c.remediation ? { remediation: c.remediation } : {}),
    rule: c.rule as unknown as JsonObject,
    ruleText: describeRule(c.rule),
    ...(c.appliesTo ? { appliesTo: c.appliesTo as unknown as JsonObject } : {}),
    ...(c.effectiveFrom ? { effectiveFrom: c.effectiveFrom } : {}),
    ...(check.fromCampaign ? { fromCampaign: check.fromCampaign } : {}),
    ...(check.ratchetedAt ? { ratchetedAt: check.ratchetedAt } : {}),
    problems: [...check.compiled.problems],
    effective: check.compiled.isEffective(),
    sourceProblems,
  };
}

/** An owner filter as the catalog fact source writes `catalog.owner.ref`: a full, lowercased ref. */
function ownerParam(raw: string): string {
  return refParam(raw, 'group', 'owner');
}

/** Scorecard list and detail, check detail and history, and roll-ups. */
export function registerScorecardRoutes(
  router: ApiRouter,
  ctx: ScorecardContext,
) {
  router.get('/scorecards', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const scorecards = (await ctx.definitions.getDefinitions()).filter(
      d => d.kind === 'Scorecard',
    );
    const rows = await ctx.queries.levelRows();
    const visible = await ctx.view.summaries(
      credentials,
      rows.map(r => r.entityRef),
    );
    const byScorecard = new Map<string, Map<string, string | null>>();
    for (const row of rows) {
      if (!visible.has(row.entityRef)) continue;
      const levels = byScorecard.get(row.scorecardRef) ?? new Map();
      levels.set(row.entityRef, row.level);
      byScorecard.set(row.scorecardRef, levels);
    }
    res.json({
      items: scorecards.map(d =>
        summaryOf(d, byScorecard.get(d.ref) ?? new Map()),
      ),
    });
  });

  router.get('/scorecards/:namespace/:name', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
      kind: 'Scorecard',
    });
    const rows = await ctx.queries.levelRows(scorecard.ref);
    const visible = await ctx.view.summaries(
      credentials,
      rows.map(r => r.entityRef),
    );
    const levels = new Map(
      rows
        .filter(r => visible.has(r.entityRef))
        .map(r => [r.entityRef, r.level]),
    );
    const entity = scorecard.entity as ScorecardEntityV1alpha1;
    res.json({
      ...summaryOf(scorecard, levels),
      ...(entity.spec.appliesTo
        ? { appliesTo: entity.spec.appliesTo as unknown as JsonObject }
        : {}),
      health: healthOf(ctx, scorecard.checks),
      checks: scorecard.checks.map(c =>
        checkDefinitionModel(c, healthOf(ctx, [c])),
      ),
    });
  });

  router.get(
    '/scorecards/:namespace/:name/checks/:checkId',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
        kind: 'Scorecard',
      });
      const check = findCheck(scorecard, req.params.checkId);
      const visible = await ctx.view.summaries(
        credentials,
        await ctx.queries.ratedEntityRefs(scorecard.ref),
      );
      const owner =
        req.query.owner !== undefined ? ownerParam(req.query.owner) : undefined;
      const refs = [...visible]
        .filter(([, summary]) => owner === undefined || summary.owner === owner)
        .map(([ref]) => ref);
      const limit = req.query.limit ?? 50;
      const offset = req.query.offset ?? 0;
      const [counts, page] = await Promise.all([
        ctx.queries.statusCounts(scorecard.ref, check.id, refs),
        ctx.results.getResultsForCheck(scorecard.ref, check.id, {
          status: req.query.status,
          entityRefs: refs,
          limit,
          offset,
        }),
      ]);
      const passed = counts.pass + counts.exempt;
      res.json({
        scorecardRef: scorecard.ref,
        check: checkDefinitionModel(check, healthOf(ctx, [check])),
        counts,
        passRate: rate(passed, passed + counts.fail + counts.error),
        entities: {
          items: page.items.map(r => ({
            entityRef: r.entityRef,
            status: r.status,
            message: r.message,
            ...(r.failing ? { failing: r.failing } : {}),
            since: r.since,
            evaluatedAt: r.evaluatedAt,
          })),
          total: page.total,
          limit,
          offset,
          nextOffset:
            offset + page.items.length < page.total
              ? offset + page.items.length
              : null,
        },
      });
    },
  );

  router.get(
    '/scorecards/:namespace/:name/checks/:checkId/history',
    async (req, res) => {
      const credentials = await callerOf(ctx, req);
      const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
        kind: 'Scorecard',
      });
      const check = findCheck(scorecard, req.params.checkId);
      const days = req.query.days ?? 90;
      const now = new Date();
      const [statuses, transitions] = await Promise.all([
        ctx.queries.checkStatuses(scorecard.ref, check.id),
        ctx.queries.checkTransitionsSince(
          scorecard.ref,
          check.id,
          windowStart(now, days),
        ),
      ]);
      const visible = await ctx.view.summaries(credentials, [
        ...statuses.keys(),
        ...transitions.map(t => t.entityRef),
      ]);
      const points = passRateHistory(
        new Map([...statuses].filter(([ref]) => visible.has(ref))),
        transitions.filter(t => visible.has(t.entityRef)),
        days,
        now,
      );
      res.json({
        scorecardRef: scorecard.ref,
        checkId: check.id,
        days,
        points,
      });
    },
  );

  router.get('/scorecards/:namespace/:name/rollup', async (req, res) => {
    const credentials = await callerOf(ctx, req);
    const scorecard = await findDefinition(ctx, scorecardRefOf(req.params), {
      kind: 'Scorecard',
    });
    res.json(
      await rollupFor(
        ctx,
        credentials,
        scorecard,
        req.query.groupBy ?? 'org',
        reportFilters(req.query),
      ),
    );
  });

  registerScorecardReportRoutes(router, ctx);
  registerScorecardCheckRoutes(router, ctx);
}
