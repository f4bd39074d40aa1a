import type { CampaignState } from '@ratchet/backstage-plugin-maturity-common';
import { LifecycleInput, nextState } from './lifecycle';
import { progressOf } from './targets';

const base: LifecycleInput = {
  draft: false,
  startDate: '2026-03-01',
  dueDate: '2026-03-31',
  completeWhen: 'allPass',
  progress: progressOf({ failing: 3, passing: 1 }),
  newWorkSinceCompletion: 0,
  now: new Date('2026-02-15T12:00:00Z'),
};

/** Runs the lifecycle over simulated days, storing each transition as the service does. */
function simulate(
  days: Array<Partial<LifecycleInput> & { now: Date }>,
  start?: CampaignState,
) {
  let current = start;
  const log: Array<[string, CampaignState, string]> = [];
  for (const day of days) {
    const step = nextState({ ...base, ...day, current });
    if (step) {
      log.push([day.now.toISOString().slice(0, 10), step.to, step.cause]);
      current = step.to;
    }
  }
  return log;
}

describe('campaign lifecycle', () => {
  it('goes scheduled → in progress → delayed → completed over simulated time', () => {
    expect(
      simulate([
        { now: new Date('2026-02-15T00:00:00Z') },
        { now: new Date('2026-02-28T23:59:59Z') },
        { now: new Date('2026-03-01T00:00:00Z') },
        { now: new Date('2026-03-31T23:59:59Z') },
        { now: new Date('2026-04-01T00:00:00Z') },
        {
          now: new Date('2026-04-03T00:00:00Z'),
          progress: progressOf({ passing: 3, exempt: 1 }),
        },
      ]),
    ).toEqual([
      ['2026-02-15', 'scheduled', 'starts on 2026-03-01'],
      ['2026-03-01', 'inProgress', 'start date 2026-03-01 reached'],
      [
        '2026-04-01',
        'delayed',
        'due date 2026-03-31 passed with 3 targets not done',
      ],
      ['2026-04-03', 'completed', 'all 4 targets pass'],
    ]);
  });

  it('completes on the day after the due date with when: dueDate, even with failing targets', () => {
    const dueDate = { completeWhen: 'dueDate' as const };
    expect(
      simulate([
        { ...dueDate, now: new Date('2026-03-02T00:00:00Z') },
        {
          ...dueDate,
          now: new Date('2026-03-20T00:00:00Z'),
          progress: progressOf({ passing: 4 }),
        },
        { ...dueDate, now: new Date('2026-04-01T00:00:00Z') },
      ]),
    ).toEqual([
      ['2026-03-02', 'inProgress', 'start date 2026-03-01 reached'],
      ['2026-04-01', 'completed', 'due date 2026-03-31 reached'],
    ]);
  });

  it('never completes without targets, and a draft stays a draft', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(nextState({ ...base, now, progress: progressOf({}) })?.to).toBe(
      'inProgress',
    );
    expect(
      nextState({ ...base, now, draft: true, current: 'inProgress' }),
    ).toEqual({ to: 'draft', cause: 'marked draft in the YAML' });
    expect(nextState({ ...base, now, draft: true, current: 'draft' })).toBe(
      undefined,
    );
  });

  it('keeps endedEarly final', () => {
    expect(
      nextState({
        ...base,
        current: 'endedEarly',
        now: new Date('2026-03-10T00:00:00Z'),
        progress: progressOf({ passing: 4 }),
      }),
    ).toBeUndefined();
  });

  it('re-opens a completed allPass campaign only for work added by a definition change', () => {
    const now = new Date('2026-03-20T00:00:00Z');
    const completed = {
      ...base,
      now,
      current: 'completed' as const,
      progress: progressOf({ passing: 3, failing: 2, regressed: 2 }),
    };
    // Regressions of targets that were done: the ratchet and alerts handle them.
    expect(nextState(completed)).toBeUndefined();
    expect(nextState({ ...completed, newWorkSinceCompletion: 1 })).toEqual({
      to: 'inProgress',
      cause: 're-opened: the definition changed and 1 target must do new work',
    });
    expect(
      nextState({
        ...completed,
        newWorkSinceCompletion: 2,
        now: new Date('2026-04-02T00:00:00Z'),
      })?.to,
    ).toBe('delayed');
    expect(
      nextState({
        ...completed,
        completeWhen: 'dueDate',
        newWorkSinceCompletion: 2,
      }),
    ).toBeUndefined();
  });

  it('returns to in progress when the due date moves later', () => {
    expect(
      nextState({
        ...base,
        current: 'delayed',
        dueDate: '2026-05-31',
        now: new Date('2026-04-10T00:00:00Z'),
      }),
    ).toEqual({ to: 'inProgress', cause: 'due date moved to 2026-05-31' });
  });
});
