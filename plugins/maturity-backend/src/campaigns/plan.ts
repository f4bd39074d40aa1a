import {
  addDays,
  addDuration,
  daysBetween,
  isZeroDuration,
  parseIsoDuration,
  startOfDay,
} from './calendar';

/** A campaign's reminder settings as authored. */
export interface ReminderSettings {
  startDate: string;
  dueDate: string;
  /** ISO duration; without it only the start (and overdue) cycles exist. */
  every?: string;
  beforeDue?: string[];
  afterDue?: boolean;
}

/** One reminder cycle: owners with failing targets get at most one notification per cycle. */
export interface ReminderCycle {
  /** Stable across replicas and restarts: part of the send log's unique key. */
  key: string;
  /** When the cycle begins. */
  at: Date;
  kind: 'start' | 'every' | 'beforeDue' | 'afterDue';
}

/** Most cycles planned for one campaign: a guard against a tiny cadence such as PT1S. */
const MAX_CYCLES = 10_000;

/**
 * Every reminder cycle that begins at or before `until`, oldest first: the start date; every `every`
 * after it until the due date; each `beforeDue` offset before the due date; and, with `afterDue` (the
 * default), the day after the due date and every `every` after that.
 */
export function reminderCycles(
  settings: ReminderSettings,
  until: Date,
): ReminderCycle[] {
  const start = startOfDay(settings.startDate);
  const due = startOfDay(settings.dueDate);
  const overdue = startOfDay(addDays(settings.dueDate, 1));
  const cycles: ReminderCycle[] = [];
  const add = (cycle: ReminderCycle) => {
    if (cycle.at <= until && cycles.length < MAX_CYCLES) cycles.push(cycle);
  };
  add({ key: 'start', at: start, kind: 'start' });
  const every = settings.every ? parseIsoDuration(settings.every) : undefined;
  const cadence = every && !isZeroDuration(every) ? every : undefined;
  if (cadence) {
    for (let k = 1; k < MAX_CYCLES; k++) {
      const at = addDuration(start, cadence, k);
      if (at >= overdue || at > until) break;
      add({ key: `every-${k}`, at, kind: 'every' });
    }
  }
  for (const offset of settings.beforeDue ?? []) {
    const at = addDuration(due, parseIsoDuration(offset), -1);
    if (at > start) add({ key: `beforeDue-${offset}`, at, kind: 'beforeDue' });
  }
  if (settings.afterDue ?? true) {
    add({ key: 'afterDue-0', at: overdue, kind: 'afterDue' });
    if (cadence) {
      for (let k = 1; k < MAX_CYCLES; k++) {
        const at = addDuration(overdue, cadence, k);
        if (at > until) break;
        add({ key: `afterDue-${k}`, at, kind: 'afterDue' });
      }
    }
  }
  return cycles.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The cycle `now` is in (the latest that began), or undefined before the start. */
export function currentCycle(
  settings: ReminderSettings,
  now: Date,
): ReminderCycle | undefined {
  const cycles = reminderCycles(settings, now);
  return cycles[cycles.length - 1];
}

/** The next cycle after `now`, looking at most a year ahead. */
export function nextCycle(
  settings: ReminderSettings,
  now: Date,
): ReminderCycle | undefined {
  const horizon = new Date(now.getTime() + 366 * 86_400_000);
  return reminderCycles(settings, horizon).find(c => c.at > now);
}

/** Points of the burn-up: done targets out of all on a day. */
export interface BurnUpPoint {
  day: string;
  targets: number;
  done: number;
}

/** How far back the recent completion rate looks. */
export const PROJECTION_WINDOW_DAYS = 14;

/**
 * The completion rate over the last `windowDays` of the burn-up and the day every target would be done
 * at that rate; null when nothing moved forward in the window (or there is only one point).
 */
export function projectCompletion(
  points: BurnUpPoint[],
  windowDays = PROJECTION_WINDOW_DAYS,
): { ratePerDay: number | null; completionDate: string | null } {
  const last = points[points.length - 1];
  if (!last) return { ratePerDay: null, completionDate: null };
  if (last.targets > 0 && last.done >= last.targets) {
    return { ratePerDay: null, completionDate: last.day };
  }
  const from = addDays(last.day, -windowDays);
  const first = points.find(p => p.day >= from) ?? last;
  const days = daysBetween(first.day, last.day);
  const rate = days > 0 ? (last.done - first.done) / days : 0;
  if (rate <= 0) return { ratePerDay: null, completionDate: null };
  const remaining = last.targets - last.done;
  return {
    ratePerDay: rate,
    completionDate: addDays(last.day, Math.ceil(remaining / rate)),
  };
}
