import type {
  CampaignProgress,
  CampaignState,
} from '@ratchet/backstage-plugin-maturity-common';
import { addDays, startOfDay } from './calendar';

/** What the lifecycle decides from: the YAML's dates and flags, the precomputed progress and the time. */
export interface LifecycleInput {
  /** The stored state; undefined for a campaign seen for the first time. */
  current?: CampaignState;
  draft: boolean;
  /** `YYYY-MM-DD`: in progress from 00:00 UTC that day. */
  startDate: string;
  /** `YYYY-MM-DD`: overdue from 00:00 UTC the day after. */
  dueDate: string;
  completeWhen: 'allPass' | 'dueDate';
  progress: CampaignProgress;
  /**
   * For a completed campaign: targets that are not done because of work added after completion (a
   * target that joined later, or a check id the campaign did not have when it completed).
   */
  newWorkSinceCompletion: number;
  now: Date;
}

/** A transition to store: the new state and why. */
export interface LifecycleStep {
  to: CampaignState;
  cause: string;
}

/**
 * The next state of a campaign, or undefined when it stays where it is.
 *
 * - `endedEarly` is final.
 * - `completed` is final, with one rule for YAML edits: a campaign that completed because every target
 *   passed (`when: allPass`) re-opens (to `inProgress`, or `delayed` past the due date) when the edit
 *   added work — a target that joined after completion, or a check it did not have then, that is not
 *   done. A target that regresses on a check it already passed never re-opens it: the ratchet (the
 *   promoted scorecard level) and the regression alert handle that. A campaign completed by its due date
 *   (`when: dueDate`) never re-opens.
 * - Otherwise: `draft` while the YAML says so; `scheduled` before the start date; `completed` when every
 *   target passes (`allPass`, at least one target) or on the day after the due date (`dueDate`);
 *   `delayed` after the due date with targets not done (`allPass`); `inProgress` otherwise.
 */
export function nextState(input: LifecycleInput): LifecycleStep | undefined {
  const { current } = input;
  if (current === 'endedEarly') return undefined;
  if (current === 'completed') return reopened(input);
  const step = computed(input);
  return step.to === current ? undefined : step;
}

function reopened(input: LifecycleInput): LifecycleStep | undefined {
  if (input.completeWhen === 'dueDate' || input.newWorkSinceCompletion === 0)
    return undefined;
  const n = input.newWorkSinceCompletion;
  return {
    to: isOverdue(input) ? 'delayed' : 'inProgress',
    cause: `re-opened: the definition changed and ${n} target${
      n === 1 ? '' : 's'
    } must do new work`,
  };
}

function computed(input: LifecycleInput): LifecycleStep {
  const { progress } = input;
  const open = progress.failing + progress.notStarted;
  if (input.draft) return { to: 'draft', cause: 'marked draft in the YAML' };
  if (input.now < startOfDay(input.startDate)) {
    return {
      to: 'scheduled',
      cause: `starts on ${input.startDate}`,
    };
  }
  const overdue = isOverdue(input);
  if (input.completeWhen === 'dueDate') {
    return overdue
      ? { to: 'completed', cause: `due date ${input.dueDate} reached` }
      : { to: 'inProgress', cause: startedCause(input) };
  }
  if (progress.targets > 0 && open === 0) {
    return {
      to: 'completed',
      cause: `all ${progress.targets} targets pass`,
    };
  }
  if (overdue && open > 0) {
    return {
      to: 'delayed',
      cause: `due date ${input.dueDate} passed with ${open} target${
        open === 1 ? '' : 's'
      } not done`,
    };
  }
  return { to: 'inProgress', cause: startedCause(input) };
}

function startedCause(input: LifecycleInput): string {
  switch (input.current) {
    case 'delayed':
      return `due date moved to ${input.dueDate}`;
    case 'draft':
      return 'draft flag removed';
    case 'scheduled':
    case undefined:
      return `start date ${input.startDate} reached`;
    default:
      return 'targets changed';
  }
}

function isOverdue(input: { dueDate: string; now: Date }): boolean {
  return input.now >= startOfDay(addDays(input.dueDate, 1));
}

/** States in which a campaign still asks its targets for work (reminders, nudges). */
export function isOpen(state: CampaignState): boolean {
  return state === 'inProgress' || state === 'delayed';
}
