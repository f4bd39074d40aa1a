import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CampaignProgress,
  CampaignState,
  CampaignTargetState,
} from '@ratchet/backstage-plugin-maturity-common';
import type { RefParts } from '../../api';

const STATE_LABELS: Record<CampaignState, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  inProgress: 'In progress',
  delayed: 'Delayed',
  completed: 'Completed',
  endedEarly: 'Ended early',
};

const TARGET_STATE_LABELS: Record<CampaignTargetState, string> = {
  notStarted: 'Not evaluated yet',
  failing: 'Failing',
  passing: 'Passing',
  exempt: 'Exempt',
};

/** A campaign state as people read it. */
export function campaignStateLabel(state: CampaignState): string {
  return STATE_LABELS[state];
}

/** A target state as people read it. */
export function targetStateLabel(state: CampaignTargetState): string {
  return TARGET_STATE_LABELS[state];
}

/** Whether the campaign still asks for work (in progress or delayed). */
export function isOpen(state: CampaignState): boolean {
  return state === 'inProgress' || state === 'delayed';
}

/** Whether the campaign is over (completed or ended early). */
export function isEnded(state: CampaignState): boolean {
  return state === 'completed' || state === 'endedEarly';
}

/** The namespace and name of a campaign ref (`campaign:default/pip-to-poetry`). */
export function campaignParts(ref: string): RefParts {
  const { namespace, name } = parseEntityRef(ref, {
    defaultKind: 'campaign',
    defaultNamespace: 'default',
  });
  return { namespace, name };
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole days from `now` to a `YYYY-MM-DD` day (negative when past), counted in UTC days. */
export function daysUntil(day: string, now: Date): number {
  const due = Date.parse(`${day}T00:00:00Z`);
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return Math.round((due - today) / DAY);
}

/** "in 5 days", "today", "3 days overdue" for a due day. */
export function dueLabel(day: string, now: Date): string {
  const days = daysUntil(day, now);
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  if (days > 1) return `in ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

/**
 * A campaign's progress in words: "3 of 6 done", or "Not evaluated yet" while no target has a result
 * (never "0 of 0 · Done"), or "No targets" when the filter matches nothing.
 */
export function progressLabel(progress: CampaignProgress): string {
  if (progress.targets === 0) return 'No targets';
  if (progress.notStarted === progress.targets) return 'Not evaluated yet';
  const done = progress.passing + progress.exempt;
  return `${done} of ${progress.targets} done`;
}
