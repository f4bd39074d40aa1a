import { parseEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  CampaignCheckInfo,
  CampaignDetail,
  CampaignProgress,
  CampaignState,
  CampaignSummary,
  CampaignTarget,
  isCampaignCheckReference,
} from '@ratchet/backstage-plugin-maturity-common';
import { addDays, dayOf } from './calendar';
import type { CampaignRecord, CampaignStore } from './CampaignStore';
import type { CampaignService, CompiledCampaign } from './CampaignService';
import { nextCycle, projectCompletion, PROJECTION_WINDOW_DAYS } from './plan';
import { reminderSettings } from './CampaignNotifier';
import { isOpen } from './lifecycle';
import { progressOf, TargetRecord } from './targets';

/** Order of the list: open work first, then what is coming, then what is over. */
const STATE_ORDER: Record<CampaignState, number> = {
  delayed: 0,
  inProgress: 1,
  scheduled: 2,
  draft: 3,
  completed: 4,
  endedEarly: 5,
};

/** A campaign the catalog knows but no refresh has stored yet: shown with empty progress. */
function unstored(campaign: CompiledCampaign, now: Date): CampaignRecord {
  return {
    campaignRef: campaign.ref,
    state: campaign.entity.spec.draft ? 'draft' : 'scheduled',
    stateSince: now.toISOString(),
    progress: progressOf({}),
    completedAt: null,
    completedChecks: null,
    lastReminderAt: null,
  };
}

/** Turns stored campaign state and compiled definitions into the API's models. */
export class CampaignViews {
  readonly #store: CampaignStore;
  readonly #now: () => Date;

  /** Creates the views. */
  constructor(store: CampaignStore, now: () => Date) {
    this.#store = store;
    this.#now = now;
  }

  /** The stored record of a campaign, or its not-yet-stored stand-in. */
  async record(campaign: CompiledCampaign): Promise<CampaignRecord> {
    return (
      (await this.#store.getCampaign(campaign.ref)) ??
      unstored(campaign, this.#now())
    );
  }

  /** The list item of a campaign. */
  async summary(
    campaign: CompiledCampaign,
    record: CampaignRecord,
    ownerProgress?: CampaignProgress,
  ): Promise<CampaignSummary> {
    const { entity } = campaign;
    const { spec, metadata } = entity;
    const promoteTo = spec.onCompletion?.promoteTo;
    const projection = await this.projection(campaign, record);
    return {
      ref: campaign.ref,
      namespace: metadata.namespace ?? 'default',
      name: metadata.name,
      title: metadata.title ?? metadata.name,
      ...(metadata.description ? { description: metadata.description } : {}),
      owner: normaliseGroup(spec.owner, metadata.namespace),
      tags: metadata.tags ?? [],
      state: record.state,
      stateSince: record.stateSince,
      startDate: spec.startDate,
      dueDate: spec.dueDate,
      progress: record.progress,
      ...(ownerProgress ? { ownerProgress } : {}),
      projectedCompletion: projection.completionDate,
      ...(promoteTo
        ? {
            promoteTo: {
              scorecard: normaliseRef(
                promoteTo.scorecard,
                'scorecard',
                metadata.namespace,
              ),
              level: promoteTo.level,
              ...(promoteTo.category ? { category: promoteTo.category } : {}),
              promotedAt:
                record.state === 'completed' ? record.completedAt : null,
            },
          }
        : {}),
    };
  }

  /** Sorts list items: open work by due date, then scheduled, drafts and ended campaigns. */
  sort(items: CampaignSummary[]): CampaignSummary[] {
    return items.sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        a.dueDate.localeCompare(b.dueDate) ||
        a.ref.localeCompare(b.ref),
    );
  }

  /** The burn-up projection: the recent rate over stored days plus today's live progress. */
  async projection(campaign: CompiledCampaign, record: CampaignRecord) {
    if (!isOpen(record.state)) {
      return { ratePerDay: null, completionDate: null };
    }
    const today = dayOf(this.#now());
    const points = (
      await this.#store.getSnapshots(
        campaign.ref,
        addDays(today, -PROJECTION_WINDOW_DAYS),
      )
    ).filter(p => p.day < today);
    const p = record.progress;
    points.push({
      day: today,
      targets: p.targets,
      done: p.passing + p.exempt,
      failing: p.failing,
      notStarted: p.notStarted,
    });
    return projectCompletion(points);
  }

  /** Everything the campaign page shows except targets. */
  async detail(
    campaign: CompiledCampaign,
    record: CampaignRecord,
    problems: string[],
  ): Promise<CampaignDetail> {
    const { spec } = campaign.entity;
    const open = isOpen(record.state);
    const next = open
      ? nextCycle(reminderSettings(campaign), this.#now())
      : undefined;
    return {
      ...(await this.summary(campaign, record)),
      brief: spec.brief,
      targetFilter: spec.targets as unknown as JsonObject,
      checks: checksOf(campaign),
      reminders: {
        every: spec.reminders?.every ?? null,
        beforeDue: spec.reminders?.beforeDue ?? [],
        afterDue: spec.reminders?.afterDue ?? true,
      },
      completeWhen: spec.onCompletion?.when ?? 'allPass',
      transitions: await this.#store.getTransitions(campaign.ref),
      lastReminderAt: record.lastReminderAt,
      nextReminderAt: next ? next.at.toISOString() : null,
      problems,
    };
  }
}

/** The campaign's checks as its page lists them, with where a referenced check comes from. */
export function checksOf(campaign: CompiledCampaign): CampaignCheckInfo[] {
  const from = new Map<string, string>();
  for (const entry of campaign.entity.spec.checks) {
    if (!isCampaignCheckReference(entry)) continue;
    const { scorecard, campaign: other, check } = entry.ref;
    const namespace = campaign.entity.metadata.namespace;
    from.set(
      check,
      scorecard
        ? normaliseRef(scorecard, 'scorecard', namespace)
        : normaliseRef(other ?? '', 'campaign', namespace),
    );
  }
  return campaign.checks.map(({ id, check }) => ({
    id,
    title: check.title,
    ...(check.description ? { description: check.description } : {}),
    ...(check.remediation ? { remediation: check.remediation } : {}),
    ...(from.has(id) ? { from: from.get(id)! } : {}),
  }));
}

/** A stored target as the API shows it, its failing checks with titles and what to do. */
export function targetView(
  campaign: CompiledCampaign,
  target: TargetRecord,
): CampaignTarget {
  const checks = new Map(campaign.checks.map(c => [c.id, c.check]));
  return {
    entityRef: target.entityRef,
    ...(target.title ? { title: target.title } : {}),
    owner: target.owner,
    state: target.state,
    since: target.since,
    firstPassedAt: target.firstPassedAt,
    regressed: target.regressed,
    failingChecks: target.failing.map(f => {
      const check = checks.get(f.checkId);
      return {
        checkId: f.checkId,
        title: check?.title ?? f.checkId,
        status: f.status === 'error' ? 'error' : 'fail',
        message: f.message,
        ...(check?.remediation ? { remediation: check.remediation } : {}),
        ...(f.failing ? { failing: f.failing } : {}),
      };
    }),
  };
}

/** A ref in the stores' form (`kind:namespace/name`, kind lowercased); the raw text when unparseable. */
export function normaliseRef(raw: string, kind: string, namespace?: string) {
  try {
    const ref = parseEntityRef(raw, {
      defaultKind: kind,
      defaultNamespace: namespace ?? 'default',
    });
    return `${ref.kind.toLocaleLowerCase('en-US')}:${ref.namespace}/${
      ref.name
    }`;
  } catch {
    return raw;
  }
}

/** A group ref lowercased as the catalog fact source records owners (what owner filters compare). */
export function normaliseGroup(raw: string, namespace?: string) {
  return normaliseRef(raw, 'group', namespace).toLocaleLowerCase('en-US');
}

/** Problems of the definition only the backend sees: references the catalog processor could not check. */
export async function definitionHealth(
  campaigns: Pick<CampaignService, 'definitions'>,
  campaign: CompiledCampaign,
): Promise<string[]> {
  const problems: string[] = [];
  const { spec, metadata } = campaign.entity;
  const resolved = new Set(campaign.checks.map(c => c.id));
  spec.checks.forEach((entry, i) => {
    if ('ref' in entry && !resolved.has(entry.ref.check)) {
      const target = entry.ref.scorecard ?? entry.ref.campaign;
      problems.push(
        `spec.checks[${i}].ref: check '${entry.ref.check}' of ${target} does not exist; it is not evaluated`,
      );
    }
  });
  for (const c of campaign.checks) {
    for (const problem of c.compiled.problems) {
      problems.push(`check ${c.id}: ${problem}`);
    }
  }
  const promoteTo = spec.onCompletion?.promoteTo;
  if (promoteTo) {
    const scorecardRef = normaliseRef(
      promoteTo.scorecard,
      'scorecard',
      metadata.namespace,
    );
    const scorecard = (await campaigns.definitions()).find(
      d => d.kind === 'Scorecard' && d.ref === scorecardRef,
    );
    const at = 'spec.onCompletion.promoteTo';
    if (!scorecard) {
      problems.push(
        `${at}.scorecard: ${scorecardRef} does not exist; the campaign's checks cannot ratchet into it`,
      );
    } else {
      const sc = scorecard.entity.spec as {
        levels: Array<{ id: string }>;
        categories: Array<{ id: string }>;
      };
      if (!sc.levels.some(l => l.id === promoteTo.level)) {
        problems.push(
          `${at}.level: ${scorecardRef} has no level '${promoteTo.level}'`,
        );
      }
      if (
        promoteTo.category &&
        !sc.categories.some(c => c.id === promoteTo.category)
      ) {
        problems.push(
          `${at}.category: ${scorecardRef} has no category '${promoteTo.category}'`,
        );
      }
    }
  }
  return problems;
}
