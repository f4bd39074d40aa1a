import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { CampaignNudgeResponse } from '@ratchet/backstage-plugin-maturity-common';
import type { TransitionRecord } from '../evaluation';
import type { SendLog } from '../notifications/sendLog';
import type { CampaignStore } from './CampaignStore';
import type { CompiledCampaign } from './CampaignService';
import { isOpen } from './lifecycle';
import { currentCycle, ReminderSettings } from './plan';
import type { TargetRecord } from './targets';

/** How often one owner group may be nudged about one campaign. */
export const NUDGE_INTERVAL_MS = 60 * 60 * 1000;

/** Notifications in flight at once: the notifications backend is one HTTP call away. */
const SEND_CONCURRENCY = 8;

/** Runs `fn` over the items with at most `limit` at a time. */
async function inParallel<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}

/** Targets listed in one notification; the rest are counted (Slack and e-mail bodies stay readable). */
const MAX_LISTED = 25;

/** The reminder settings of a campaign's YAML. */
export function reminderSettings(campaign: CompiledCampaign): ReminderSettings {
  const { spec } = campaign.entity;
  return {
    startDate: spec.startDate,
    dueDate: spec.dueDate,
    every: spec.reminders?.every,
    beforeDue: spec.reminders?.beforeDue,
    afterDue: spec.reminders?.afterDue,
  };
}

/** The campaign page in the Backstage app. */
export function campaignLink(campaignRef: string) {
  const { namespace, name } = parseEntityRef(campaignRef);
  return `/campaigns/${namespace}/${name}`;
}

/**
 * Campaign notifications through Backstage Notifications: reminders (one per owner group per cycle,
 * listing all its failing targets and what to do), nudges and regression alerts. Every notification is
 * claimed in the send log before it is sent, so replicas never send one twice.
 */
export class CampaignNotifier {
  readonly #store: CampaignStore;
  readonly #sendLog: SendLog;
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  /** Creates the notifier. */
  static create(options: {
    store: CampaignStore;
    sendLog: SendLog;
    notifications: NotificationService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    return new CampaignNotifier(options);
  }

  private constructor(options: Parameters<typeof CampaignNotifier.create>[0]) {
    this.#store = options.store;
    this.#sendLog = options.sendLog;
    this.#notifications = options.notifications;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** Sends the current reminder cycle of every open campaign to owners not yet reminded in it. */
  async sendDueReminders(campaigns: Iterable<CompiledCampaign>) {
    let sent = 0;
    for (const campaign of campaigns) {
      const record = await this.#store.getCampaign(campaign.ref);
      if (!record || !isOpen(record.state)) continue;
      const cycle = currentCycle(reminderSettings(campaign), this.#now());
      if (!cycle) continue;
      const result = await this.#remind(campaign, 'campaign-reminder', {
        keyPart: cycle.key,
        overdue: record.state === 'delayed',
      });
      sent += result.notified.length;
    }
    return { sent };
  }

  /** Reminds owners now (one owner or all with failing targets), skipping those nudged too recently. */
  async nudge(
    campaign: CompiledCampaign,
    options: { owner?: string; overdue: boolean },
  ): Promise<CampaignNudgeResponse> {
    const now = this.#now();
    return this.#remind(campaign, 'campaign-nudge', {
      keyPart: String(Math.floor(now.getTime() / NUDGE_INTERVAL_MS)),
      owner: options.owner,
      overdue: options.overdue,
      recentlySent: async owner => {
        const last = await this.#sendLog.lastSent(
          'campaign-nudge',
          campaign.ref,
          owner,
        );
        return !!last && now.getTime() - last.getTime() < NUDGE_INTERVAL_MS;
      },
    });
  }

  async #remind(
    campaign: CompiledCampaign,
    kind: 'campaign-reminder' | 'campaign-nudge',
    options: {
      keyPart: string;
      overdue: boolean;
      owner?: string;
      recentlySent?: (owner: string) => Promise<boolean>;
    },
  ): Promise<CampaignNudgeResponse> {
    const byOwner = new Map<string, TargetRecord[]>();
    for (const t of await this.#store.getTargets(campaign.ref)) {
      if (t.state !== 'failing' || !t.owner) continue;
      if (options.owner && t.owner !== options.owner) continue;
      byOwner.set(t.owner, [...(byOwner.get(t.owner) ?? []), t]);
    }
    const response: CampaignNudgeResponse = { notified: [], rateLimited: [] };
    const eligible: Array<[string, TargetRecord[]]> = [];
    for (const [owner, targets] of [...byOwner].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      if (await options.recentlySent?.(owner)) {
        response.rateLimited.push(owner);
      } else {
        eligible.push([owner, targets]);
      }
    }
    const keyOf = (owner: string) =>
      `${kind}|${campaign.ref}|${options.keyPart}|${owner}`;
    const claimed = await this.#sendLog.claimMany(
      eligible.map(([owner]) => ({
        key: keyOf(owner),
        kind,
        subjectRef: campaign.ref,
        recipient: owner,
      })),
    );
    const toSend = eligible.filter(([owner]) => {
      const mine = claimed.has(keyOf(owner));
      if (!mine && kind === 'campaign-nudge') response.rateLimited.push(owner);
      return mine;
    });
    const sent = new Set<string>();
    await inParallel(toSend, SEND_CONCURRENCY, async ([owner, targets]) => {
      try {
        await this.#notifications.send({
          recipients: { type: 'entity', entityRef: owner },
          payload: reminderPayload(campaign, owner, targets, options.overdue),
        });
        sent.add(owner);
      } catch (error) {
        // Give the claim back: the next run of the cycle retries this owner.
        await this.#sendLog.release(keyOf(owner));
        this.#logger.warn('Could not send a campaign reminder', {
          campaignRef: campaign.ref,
          owner,
          error: String(error),
        });
      }
    });
    for (const [owner, targets] of toSend) {
      if (sent.has(owner)) {
        response.notified.push({ owner, failingTargets: targets.length });
      }
    }
    if (response.notified.length) {
      await this.#store.setLastReminder(campaign.ref, this.#now());
    }
    return response;
  }

  /**
   * Tells the owner of each target that passed a campaign check and fails it again which check and which
   * fact changed, also after the campaign completed (not for drafts or ended campaigns).
   */
  async alertRegressions(
    campaigns: Map<string, CompiledCampaign>,
    transitions: TransitionRecord[],
  ): Promise<number> {
    let sent = 0;
    for (const t of transitions) {
      const campaign = campaigns.get(t.definitionRef);
      const regressed =
        (t.fromStatus === 'pass' || t.fromStatus === 'exempt') &&
        (t.toStatus === 'fail' || t.toStatus === 'error');
      if (!campaign || !regressed || campaign.entity.spec.draft) continue;
      const record = await this.#store.getCampaign(campaign.ref);
      if (!record || record.state === 'endedEarly') continue;
      const [target] = await this.#store.getTargets(campaign.ref, [
        t.entityRef,
      ]);
      if (!target?.owner) continue;
      const key = `campaign-regression|${campaign.ref}|${t.entityRef}|${t.checkId}|${t.at}`;
      const claimed = await this.#sendLog.claim({
        key,
        kind: 'campaign-regression',
        subjectRef: campaign.ref,
        recipient: target.owner,
      });
      if (!claimed) continue;
      const failing = target.failing.find(f => f.checkId === t.checkId);
      const check = campaign.checks.find(c => c.id === t.checkId)?.check;
      const fact = failing?.failing
        ? ` The fact ${failing.failing.fact} is now ${JSON.stringify(
            failing.failing.actual ?? null,
          )}.`
        : '';
      try {
        await this.#notifications.send({
          recipients: { type: 'entity', entityRef: target.owner },
          payload: {
            title: `${nameOf(t.entityRef)} regressed on "${
              check?.title ?? t.checkId
            }" (${titleOf(campaign)})`,
            description: `It passed before and fails again: ${
              t.message
            }.${fact}${
              check?.remediation ? ` What to do: ${check.remediation}` : ''
            }`,
            link: campaignLink(campaign.ref),
            severity: 'high',
            topic: 'maturity-campaign-regression',
            scope: `maturity-campaign-regression:${campaign.ref}:${t.entityRef}`,
          },
        });
        sent += 1;
      } catch (error) {
        await this.#sendLog.release(key);
        this.#logger.warn('Could not send a campaign regression alert', {
          campaignRef: campaign.ref,
          entityRef: t.entityRef,
          error: String(error),
        });
      }
    }
    return sent;
  }
}

function nameOf(entityRef: string) {
  return parseEntityRef(entityRef).name;
}

function titleOf(campaign: CompiledCampaign) {
  return campaign.entity.metadata.title ?? campaign.entity.metadata.name;
}

/** One owner's reminder: every failing target with its failing checks and what to do, as plain text. */
export function reminderPayload(
  campaign: CompiledCampaign,
  owner: string,
  targets: TargetRecord[],
  overdue: boolean,
) {
  const remediation = new Map(
    campaign.checks.map(c => [c.id, c.check.remediation]),
  );
  const titles = new Map(campaign.checks.map(c => [c.id, c.check.title]));
  const lines = targets.slice(0, MAX_LISTED).map(t => {
    const checks = t.failing
      .map(f => `${titles.get(f.checkId) ?? f.checkId}: ${f.message}`)
      .join('; ');
    return `• ${t.title ?? nameOf(t.entityRef)} — ${checks}`;
  });
  if (targets.length > MAX_LISTED) {
    lines.push(`…and ${targets.length - MAX_LISTED} more.`);
  }
  const todo = [...new Set(targets.flatMap(t => t.failing.map(f => f.checkId)))]
    .map(id => remediation.get(id))
    .filter((r): r is string => !!r)
    .map(r => `What to do: ${r.trim()}`);
  const { dueDate } = campaign.entity.spec;
  const n = targets.length;
  return {
    title: `${titleOf(campaign)}: ${n} ${
      n === 1 ? 'target' : 'targets'
    } of ${nameOf(owner)} ${overdue ? 'overdue since' : 'due'} ${dueDate}`,
    description: [...lines, ...todo].join('\n'),
    link: campaignLink(campaign.ref),
    severity: overdue ? ('high' as const) : ('normal' as const),
    topic: 'maturity-campaign-reminder',
    scope: `maturity-campaign:${campaign.ref}:${owner}`,
  };
}
