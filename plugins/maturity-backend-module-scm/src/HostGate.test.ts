import { HostGate, HostUnavailableError } from './HostGate';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('HostGate', () => {
  let clock = 0;
  const waits: number[] = [];
  const gate = () =>
    new HostGate({
      concurrency: 2,
      maxWaitMs: 60_000,
      now: () => clock,
      sleep: async ms => {
        waits.push(ms);
        clock += ms;
      },
    });

  beforeEach(() => {
    clock = 1_000_000;
    waits.length = 0;
  });

  it('keeps at most `concurrency` requests in flight per host, other hosts apart', async () => {
    const g = gate();
    let active = 0;
    let peak = 0;
    const releases = Array.from({ length: 5 }, deferred);
    const run = (i: number) =>
      g.run('a', async () => {
        active++;
        peak = Math.max(peak, active);
        await releases[i].promise;
        active--;
        return i;
      });
    const all = Promise.all([0, 1, 2, 3, 4].map(run));
    // Another host is not held up by the full one.
    await expect(g.run('b', async () => 'b')).resolves.toBe('b');
    releases.forEach(r => r.resolve());
    await expect(all).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('waits for a pause within the budget and fails fast beyond it', async () => {
    const g = gate();
    g.pause('a', clock + 30_000);
    await expect(g.run('a', async () => 'ok')).resolves.toBe('ok');
    expect(waits).toEqual([30_000]);
    expect(g.pausedUntil('a')).toBe(0);

    g.pause('a', clock + 3_600_000);
    const request = jest.fn(async () => 'never');
    await expect(g.run('a', request)).rejects.toThrow(HostUnavailableError);
    expect(request).not.toHaveBeenCalled();
    // The refused request gave its slot back: two requests can still run side by side.
    clock += 3_600_000;
    const both = deferred();
    let started = 0;
    const together = () =>
      g.run('a', async () => {
        if (++started === 2) both.resolve();
        await both.promise;
      });
    await Promise.all([together(), together()]);
    expect(started).toBe(2);
  });

  it('keeps the later of two pauses', () => {
    const g = gate();
    g.pause('a', clock + 50_000);
    g.pause('a', clock + 10_000);
    expect(g.pausedUntil('a')).toBe(clock + 50_000);
  });
});
