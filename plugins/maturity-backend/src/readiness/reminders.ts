import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { CheckStatuses } from './items';
import { areaViews, openItemsUpTo } from './items';
import type { ChecklistModel } from './checklistModel';
import type { SendLog } from '../notifications/sendLog';
import type { ReadinessStore } from './ReadinessStore';

const DAY = 86_400_000;

/** Who to tell about an entity: its owner (a group or user ref), when it has one. */
export type OwnerLookup = (
  entityRefs: string[],
) => Promise<Map<string, string>>;

/** What a reminder run sent, by kind. */
export interface ReminderRun {
  expiring: number;
  waitingReviews: number;
  launches: number;
}

const nameOf = (ref: string) => parseEntityRef(ref).name;
const linkOf = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/readiness`;
};

/**
 * Readiness reminders through Notifications, each once per cycle (the send log's unique key decides, so
 * two replicas running the same task send it once): answers expiring within 14 days (cycle: that
 * expiry), reviews waiting longer than `reviewWaitDays` (cycle: every `reviewWaitDays` days of waiting),
 * launches within 30 days with open items (cycle: that launch date).
 */
export async function sendReadinessReminders(deps: {
  store: ReadinessStore;
  checklists: { byRef(ref: string): Promise<ChecklistModel | undefined> };
  owners: OwnerLookup;
  sendLog: SendLog;
  notifications: NotificationService;
  logger: LoggerService;
  now: Date;
  reviewWaitDays: number;
}): Promise<ReminderRun> {
  const { store, now } = deps;
  const run: ReminderRun = { expiring: 0, waitingReviews: 0, launches: 0 };
  const send = async (
    kind: keyof ReminderRun,
    key: string,
    subjectRef: string,
    recipient: string,
    payload: {
      title: string;
      description: string;
      link: string;
      severity: 'normal' | 'high';
    },
  ) => {
    if (
      !(await deps.sendLog.claim({
        key,
        kind: `readiness-${kind}`,
        subjectRef,
        recipient,
      }))
    )
      return;
    try {
      await deps.notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload: {
          ...payload,
          topic: `maturity-readiness-${kind}`,
          scope: key,
        },
      });
      run[kind] += 1;
    } catch (error) {
      // Give the claim back so that the next run retries it.
      await deps.sendLog.release(key);
      deps.logger.warn('Could not send a readiness reminder', {
        key,
        error: String(error),
      });
    }
  };

  const records = await store.listRecords();
  const owners = await deps.owners(records.map(r => r.entityRef));
  const full = await store.getRecords(records);
  const today = now.toISOString().slice(0, 10);
  const launchHorizon = new Date(now.getTime() + 30 * DAY)
    .toISOString()
    .slice(0, 10);
  const noChecks: CheckStatuses = new Map();
  for (const summary of records) {
    const owner = owners.get(summary.entityRef);
    const checklist = await deps.checklists.byRef(summary.checklistRef);
    const record = full.get(summary.entityRef);
    if (!owner || !checklist || !record) continue;
    const areas = areaViews(checklist, record, noChecks, now);
    for (const item of areas.flatMap(a => a.items)) {
      if (!item.expiresAt || item.expired) continue;
      if (Date.parse(item.expiresAt) - now.getTime() > 14 * DAY) continue;
      await send(
        'expiring',
        `readiness-expiring|${summary.entityRef}|${item.id}|${item.expiresAt}`,
        summary.entityRef,
        owner,
        {
          title: `${nameOf(summary.entityRef)}: "${
            item.prompt
          }" must be re-attested by ${item.expiresAt.slice(0, 10)}`,
          description: `The answer given on ${item.answeredAt?.slice(
            0,
            10,
          )} expires then and will count as unanswered. Review it and answer again in the Readiness tab.`,
          link: linkOf(summary.entityRef),
          severity: 'normal',
        },
      );
    }
    const launch = summary.targetLaunchDate;
    if (launch && launch >= today && launch <= launchHorizon) {
      // Automatic items are left out here: reminders judge what people still have to answer.
      const open = openItemsUpTo(
        checklist,
        areas,
        checklist.phases.length - 1,
      ).filter(i => !i.automatic);
      if (open.length > 0) {
        await send(
          'launches',
          `readiness-launch|${summary.entityRef}|${launch}`,
          summary.entityRef,
          owner,
          {
            title: `${nameOf(summary.entityRef)} launches on ${launch} with ${
              open.length
            } open readiness item(s)`,
            description: `Still open: ${open
              .slice(0, 10)
              .map(i => i.id)
              .join(', ')}${open.length > 10 ? ', …' : ''}.`,
            link: linkOf(summary.entityRef),
            severity: 'high',
          },
        );
      }
    }
  }

  for (const review of await store.listReviews(['open', 'changes-requested'])) {
    const checklist = await deps.checklists.byRef(review.checklistRef);
    const waited = Math.floor(
      (now.getTime() - Date.parse(review.requestedAt)) / DAY,
    );
    if (!checklist || waited < deps.reviewWaitDays) continue;
    const cycle = Math.floor(waited / deps.reviewWaitDays);
    await send(
      'waitingReviews',
      `readiness-review|${review.id}|${cycle}`,
      review.entityRef,
      checklist.reviewersGroup,
      {
        title: `The ${review.phase} review of ${nameOf(
          review.entityRef,
        )} has waited ${waited} days`,
        description: `${review.approvals} of ${review.requiredApprovals} approvals so far. Approve, request changes or veto it in the reviewer queue.`,
        link: linkOf(review.entityRef),
        severity: 'normal',
      },
    );
  }
  return run;
}
