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

/** Whether the check of an automatic item gives an acceptable answer for the entity now. */
function acceptableAutomatic(
  item: ModelItem,
  statuses: Map<string, Map<string, CheckStatus>>,
  entityRef: string,
): boolean {
  const status = statuses
    .get(checkKey(item.checkDefinitionRef!, item.answeredBy!.check))
    ?.get(entityRef);
  const answer = automaticAnswer(status);
  return answer === 'yes' || answer === 'not-applicable';
}

/** The moment one ISO duration before `now`: answers older than that have expired. */
function minusDuration(now: Date, duration: string): Date {
  const ahead = addIsoDuration(now, duration).getTime() - now.getTime();
  return new Date(now.getTime() - ahead);
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
    // Counted in SQL: the org page must stay cheap with thousands of launches in the window.
    const statuses = await automaticStatuses(ctx, [
      ...new Set(soon.map(r => models.get(r.checklistRef)!)),
    ]);
    const byChecklist = new Map<string, typeof soon>();
    for (const r of soon) {
      byChecklist.set(r.checklistRef, [
        ...(byChecklist.get(r.checklistRef) ?? []),
        r,
      ]);
    }
    for (const [checklistRef, rows] of byChecklist) {
      const model = models.get(checklistRef)!;
      const people = [...model.items.values()].filter(i => !i.answeredBy);
      const groups = model.phases.map((_, k) =>
        people
          .filter(i => i.phaseIndex <= k)
          .map(i => ({
            itemId: i.id,
            // An answer counts until it expires: it must be younger than one period.
            ...(i.reattestEvery && {
              notBefore: minusDuration(now, i.reattestEvery),
            }),
          })),
      );
      const acceptableCounts = await ctx.store.countAcceptable(
        checklistRef,
        rows.map(r => r.entityRef),
        groups,
      );
      const automaticItems = [...model.items.values()].filter(
        i => i.answeredBy,
      );
      for (const r of rows) {
        const acceptable =
          acceptableCounts.get(r.entityRef) ?? groups.map(() => 0);
        const last = model.phases.length - 1;
        const next = Math.min(last, model.phaseIndex(r.phase) + 1);
        const openAutomatic = (k: number) =>
          automaticItems.filter(
            i =>
              i.phaseIndex <= k &&
              !acceptableAutomatic(i, statuses, r.entityRef),
          ).length;
        const openItems =
          groups[last].length - acceptable[last] + openAutomatic(last);
        if (openItems === 0) continue;
        launches.push({
          entityRef: r.entityRef,
          checklistRef,
          phase: r.phase,
          targetLaunchDate: r.targetLaunchDate!,
          openItems,
          openForNext:
            groups[next].length - acceptable[next] + openAutomatic(next),
        });
      }
    }
    launches.sort((a, b) =>
      a.targetLaunchDate.localeCompare(b.targetLaunchDate),
    );
  }
  const open = await ctx.store.reviewEntityRefs(WAITING);
  return {
    total: [...counts.values()].reduce((n, c) => n + c.count, 0),
    byPhase: [...counts.values()],
    launches,
    launchWithinDays,
    openReviews: open.filter(ref => visible.has(ref)).length,
  };
}
