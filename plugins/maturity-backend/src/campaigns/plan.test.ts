import { addDuration, parseIsoDuration } from './calendar';
import {
  currentCycle,
  nextCycle,
  projectCompletion,
  reminderCycles,
} from './plan';

const settings = {
  startDate: '2026-03-01',
  dueDate: '2026-03-31',
  every: 'P7D',
  beforeDue: ['P3D'],
  afterDue: true,
};

describe('reminder cycles', () => {
  it('plans start, every, beforeDue and afterDue cycles in order', () => {
    const cycles = reminderCycles(settings, new Date('2026-04-20T00:00:00Z'));
    expect(cycles.map(c => [c.key, c.at.toISOString().slice(0, 10)])).toEqual([
      ['start', '2026-03-01'],
      ['every-1', '2026-03-08'],
      ['every-2', '2026-03-15'],
      ['every-3', '2026-03-22'],
      ['beforeDue-P3D', '2026-03-28'],
      ['every-4', '2026-03-29'],
      ['afterDue-0', '2026-04-01'],
      ['afterDue-1', '2026-04-08'],
      ['afterDue-2', '2026-04-15'],
    ]);
  });

  it('gives the cycle a time is in, and the next one', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    expect(currentCycle(settings, now)?.key).toBe('every-1');
    expect(nextCycle(settings, now)?.key).toBe('every-2');
    expect(
      currentCycle(settings, new Date('2026-02-28T23:00:00Z')),
    ).toBeUndefined();
  });

  it('has only a start cycle without reminders, and no overdue ones with afterDue: false', () => {
    const later = new Date('2026-06-01T00:00:00Z');
    expect(
      reminderCycles(
        { startDate: '2026-03-01', dueDate: '2026-03-31', afterDue: false },
        later,
      ).map(c => c.key),
    ).toEqual(['start']);
  });

  it('adds calendar months, clamping the day', () => {
    expect(
      addDuration(
        new Date('2026-01-31T00:00:00Z'),
        parseIsoDuration('P1M'),
      ).toISOString(),
    ).toBe('2026-02-28T00:00:00.000Z');
    expect(parseIsoDuration('P2WT12H')).toEqual({
      years: 0,
      months: 0,
      days: 14,
      milliseconds: 12 * 3600_000,
    });
    expect(() => parseIsoDuration('7 days')).toThrow(/"7 days"/);
  });
});

describe('projected completion', () => {
  it('projects from the rate over the recent window', () => {
    const points = [
      { day: '2026-03-01', targets: 40, done: 0 },
      { day: '2026-03-11', targets: 40, done: 10 },
      { day: '2026-03-21', targets: 40, done: 20 },
    ];
    // The window starts on 03-07: the rate is (20 - 10) / 10 days = 1 per day.
    expect(projectCompletion(points)).toEqual({
      ratePerDay: 1,
      completionDate: '2026-04-10',
    });
  });

  it('cannot project without progress, and is done when everything is', () => {
    expect(
      projectCompletion([
        { day: '2026-03-01', targets: 4, done: 1 },
        { day: '2026-03-05', targets: 4, done: 1 },
      ]),
    ).toEqual({ ratePerDay: null, completionDate: null });
    expect(
      projectCompletion([{ day: '2026-03-05', targets: 4, done: 4 }]),
    ).toEqual({ ratePerDay: null, completionDate: '2026-03-05' });
    expect(projectCompletion([])).toEqual({
      ratePerDay: null,
      completionDate: null,
    });
  });
});
