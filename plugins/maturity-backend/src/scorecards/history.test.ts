import { passRateHistory, rate } from './history';

describe('passRateHistory', () => {
  const now = new Date('2026-11-24T15:00:00.000Z');

  it('undoes transitions newest first to find the state at the end of each day', () => {
    const current = new Map([
      ['a', 'pass' as const],
      ['b', 'pass' as const],
      ['c', 'fail' as const],
    ]);
    const transitions = [
      {
        entityRef: 'b',
        fromStatus: 'fail' as const,
        toStatus: 'pass' as const,
        at: '2026-11-24T09:00:00.000Z',
      },
      {
        entityRef: 'c',
        fromStatus: null,
        toStatus: 'fail' as const,
        at: '2026-11-23T12:00:00.000Z',
      },
      {
        entityRef: 'a',
        fromStatus: 'error' as const,
        toStatus: 'pass' as const,
        at: '2026-11-22T23:59:59.000Z',
      },
      {
        entityRef: 'a',
        fromStatus: null,
        toStatus: 'error' as const,
        at: '2026-11-21T08:00:00.000Z',
      },
      {
        entityRef: 'b',
        fromStatus: null,
        toStatus: 'fail' as const,
        at: '2026-11-21T08:00:00.000Z',
      },
    ];
    expect(passRateHistory(current, transitions, 5, now)).toEqual([
      { day: '2026-11-20', passed: 0, failed: 0, total: 0, passRate: null },
      { day: '2026-11-21', passed: 0, failed: 2, total: 2, passRate: 0 },
      { day: '2026-11-22', passed: 1, failed: 1, total: 2, passRate: 0.5 },
      { day: '2026-11-23', passed: 1, failed: 2, total: 3, passRate: 0.3333 },
      { day: '2026-11-24', passed: 2, failed: 1, total: 3, passRate: 0.6667 },
    ]);
  });

  it('counts exempt as passing and ignores not-applicable', () => {
    const current = new Map([
      ['a', 'exempt' as const],
      ['b', 'not-applicable' as const],
      ['c', 'error' as const],
    ]);
    expect(passRateHistory(current, [], 1, now)).toEqual([
      { day: '2026-11-24', passed: 1, failed: 1, total: 2, passRate: 0.5 },
    ]);
    expect(rate(0, 0)).toBeNull();
  });
});
