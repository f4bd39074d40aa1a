import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  CheckStatus,
  ReadinessLaunch,
  ReadinessOverview,
  ReadinessPhaseCount,
  ReadinessQueueItem,
  ReadinessQueuePage,
  ReadinessQueueQuery,
  ReadinessReviewStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import type { ResultReader } from '../evaluation';
import type { HttpContext } from '../http/context';
import { reportFilters, visibleFiltered } from '../http/filters';
import type { ChecklistModel } from './checklistModel';
import { automaticAnswer } from './items';
import type { ModelItem } from './checklistModel';
import { addIsoDuration } from './duration';
import { checkKey } from './model';
import type { ReadinessStore } from './ReadinessStore';

const DAY = 86_400_000;
const WAITING: ReadinessReviewStatus[] = [
  'open',
  'changes-requested',
  'vetoed',
];

/** What the queue and the org page read. */
export interface ReadinessViewContext extends Pick<HttpContext, 'view'> {
  store: ReadinessStore;
  checklists: { all(): Promise<ChecklistModel[]> };
  results: Pick<ResultReader, 'checkStatuses'>;
  now: () => Date;
}

/** The caller, for "may act on it": their ref and ownership claims (groups). */
export interface Reviewer {
  actor: string;
  claims: ReadonlySet<string>;
}

/** The reviewer queue: reviews of visible entities, oldest request first, filtered and paged. */
export async function reviewQueue(
  ctx: ReadinessViewContext,
  credentials: BackstageCredentials,
  query: ReadinessQueueQuery,
  reviewer: Reviewer,
): Promise<ReadinessQueuePage> {
  const reviews = await ctx.store.listReviews(
    query.status ? [query.status] : WAITING,
  );
  const visible = await ctx.view.summaries(
    credentials,
    reviews.map(r => r.entityRef),
  );
  const models = new Map((await ctx.checklists.all()).map(m => [m.ref, m]));
  const now = ctx.now().getTime();
  const items: ReadinessQueueItem[] = [];
  for (const review of reviews) {
    const model = models.get(review.checklistRef);
    if (!model || !visible.has(review.entityRef)) continue;
    if (query.phase && review.phase !== query.phase) continue;
    const index = model.phaseIndex(review.phase);
    const areas = model.areas
      .filter(a => a.items.some(i => i.phaseIndex <= index))
      .map(a => a.id);
    if (query.area && !areas.includes(query.area)) continue;
    const canReview =
      reviewer.claims.has(model.reviewersGroup.toLocaleLowerCase('en-US')) &&
      !review.answeredBy.includes(reviewer.actor) &&
      review.status !== 'withdrawn';
    if (query.mine && !canReview) continue;
    items.push({
      review,
      areas,
      waitingDays: Math.max(
        0,
        Math.floor((now - Date.parse(review.requestedAt)) / DAY),
      ),
      canReview,
    });
  }
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  return {
    items: items.slice(offset, offset + limit),
    total: items.length,
    limit,
    offset,
    nextOffset: offset + limit < items.length ? offset + limit : null,
  };
}

async function automaticStatuses(
  ctx: ReadinessViewContext,
  models: ChecklistModel[],
): Promise<Map<string, Map<string, CheckStatus>>> {
  // One query per automatic check (few), not one per entity: entity → status.
  const byCheck = new Map<string, Map<string, CheckStatus>>();
  for (const model of models) {
    for (const item of model.items.values()) {
      if (!item.answeredBy || !item.checkDefinitionRef) continue;
      const key = checkKey(item.checkDefinitionRef, item.answeredBy.check);
      if (!byCheck.has(key)) {
        byCheck.set(
          key,
          await ctx.results.checkStatuses(
            item.checkDefinitionRef,
            item.answeredBy.check,
          ),
        );
      }
    }
  }
  return byCheck;
}

/** Whether an item counts as answered acceptably now (the same rule as the record's items, from fewer columns). */
function acceptableNow(
  item: ModelItem,
  answer:
    | { answer: string; answeredAt: string; automatic: boolean }
    | undefined,
  statuses: Map<string, Map<string, CheckStatus>>,
  entityRef: string,
  now: Date,
): boolean {
  if (item.answeredBy && item.checkDefinitionRef) {
    const status = statuses
      .get(checkKey(item.checkDefinitionRef, item.answeredBy.check))
      ?.get(entityRef);
    const automatic = automaticAnswer(status);
    return automatic === 'yes' || automatic === 'not-applicable';
  }
  if (!answer || answer.automatic) return false;
  if (answer.answer !== 'yes' && answer.answer !== 'not-applicable')
    return false;
  return (
    !item.reattestEvery ||
    addIsoDuration(new Date(answer.answeredAt), item.reattestEvery) > now
  );
}

/** The org page: visible entities by phase, launches within the window that still have open items. */
export async function readinessOverview(
  ctx: ReadinessViewContext,
  credentials: BackstageCredentials,
  query: { owner?: string; launchWithinDays?: number },
): Promise<ReadinessOverview> {
  const launchWithinDays = query.launchWithinDays ?? 60;
  const records = await ctx.store.listRecords();
  const visible = await visibleFiltered(
    ctx,
    credentials,
    records.map(r => r.entityRef),
    reportFilters({ owner: query.owner }),
  );
  const models = new Map((await ctx.checklists.all()).map(m => [m.ref, m]));
  const counts = new Map<string, ReadinessPhaseCount>();
  for (const r of records) {
    if (!visible.has(r.entityRef)) continue;
    const key = `${r.checklistRef}\u0000${r.phase ?? ''}`;
    const phaseTitle =
      models.get(r.checklistRef)?.phases.find(p => p.id === r.phase)?.title ??
      null;
    const entry = counts.get(key) ?? {
      checklistRef: r.checklistRef,
      phase: r.phase,
      phaseTitle,
      count: 0,
    };
    entry.count += 1;
    counts.set(key, entry);
  }
  const now = ctx.now();
  const today = now.toISOString().slice(0, 10);
  const until = new Date(now.getTime() + launchWithinDays * DAY)
    .toISOString()
    .slice(0, 10);
  const soon = (await ctx.store.launchesBetween(today, until)).filter(
    r => visible.has(r.entityRef) && models.has(r.checklistRef),
  );
  const launches: ReadinessLaunch[] = [];
  if (soon.length > 0) {
    // Only the columns the counts need: the org page must stay cheap at 10,000 records.
    const answers = await ctx.store.answerSummaries(soon.map(r => r.entityRef));
    const statuses = await automaticStatuses(ctx, [
      ...new Set(soon.map(r => models.get(r.checklistRef)!)),
    ]);
    for (const r of soon) {
      const model = models.get(r.checklistRef)!;
      const byItem = new Map(
        (answers.get(r.entityRef) ?? []).map(a => [a.itemId, a]),
      );
      const nextIndex = model.phaseIndex(r.phase) + 1;
      let openItems = 0;
      let openForNext = 0;
      for (const item of model.items.values()) {
        if (
          acceptableNow(item, byItem.get(item.id), statuses, r.entityRef, now)
        )
          continue;
        openItems += 1;
        if (item.phaseIndex <= nextIndex) openForNext += 1;
      }
      if (openItems === 0) continue;
      launches.push({
        entityRef: r.entityRef,
        checklistRef: r.checklistRef,
        phase: r.phase,
        targetLaunchDate: r.targetLaunchDate!,
        openItems,
        openForNext,
      });
    }
  }
  const open = await ctx.store.listReviews(WAITING);
  return {
    total: [...counts.values()].reduce((n, c) => n + c.count, 0),
    byPhase: [...counts.values()],
    launches,
    launchWithinDays,
    openReviews: open.filter(r => visible.has(r.entityRef)).length,
  };
}
