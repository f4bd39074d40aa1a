import { RestartHistory } from './RestartHistory';
import type { PodInfo } from './snapshot';

const T0 = new Date('2026-11-20T12:00:00Z').getTime();
const at = (hours: number) => new Date(T0 + hours * 3_600_000);

function pod(
  restartCount: number,
  started: Date,
  last?: { reason: string; finishedAt: Date },
): PodInfo {
  return {
    namespace: 'ns',
    name: 'p',
    uid: 'uid-1',
    labels: {},
    startedAt: started,
    containers: [{ name: 'c', restartCount, terminations: last ? [last] : [] }],
  };
}

describe('RestartHistory', () => {
  it('counts every restart of a pod that started within the window', () => {
    expect(new RestartHistory().observe('a', pod(3, at(-5)), at(0))).toEqual({
      restarts: 3,
      oomKills: 0,
    });
  });

  it('gives a lower bound for an old pod until it has a baseline', () => {
    const h = new RestartHistory();
    const old = at(-100);
    expect(h.observe('a', pod(10, old), at(0)).restarts).toBe(0);
    expect(
      h.observe(
        'a',
        pod(10, old, { reason: 'Error', finishedAt: at(-1) }),
        at(0.1),
      ).restarts,
    ).toBe(1);
    expect(h.observe('a', pod(13, old), at(5)).restarts).toBe(3);
    // a full day later the first sample (10) is the baseline
    expect(h.observe('a', pod(15, old), at(24.05)).restarts).toBe(5);
    // and later samples take over as the window moves
    expect(h.observe('a', pod(15, old), at(29.5)).restarts).toBe(2);
  });

  it('counts each OOM kill once while it is within 24 hours', () => {
    const h = new RestartHistory();
    const kill = { reason: 'OOMKilled', finishedAt: at(-1) };
    expect(h.observe('a', pod(1, at(-2), kill), at(0)).oomKills).toBe(1);
    expect(h.observe('a', pod(1, at(-2), kill), at(1)).oomKills).toBe(1);
    const second = { reason: 'OOMKilled', finishedAt: at(1.5) };
    expect(h.observe('a', pod(2, at(-2), second), at(2)).oomKills).toBe(2);
    expect(h.observe('a', pod(2, at(-2), second), at(23.5)).oomKills).toBe(1);
  });

  it('forgets containers that are gone', () => {
    const h = new RestartHistory();
    h.observe(
      'a',
      pod(1, at(-100), { reason: 'OOMKilled', finishedAt: at(-1) }),
      at(0),
    );
    h.prune(at(49));
    expect(h.observe('a', pod(1, at(-100)), at(49)).restarts).toBe(0);
  });
});
