/*
 * How multiProcess.test.ts kills a backend process in the middle of a sweep, and the waiting it shares.
 */
import { createServer } from 'node:net';
import { BackendProcess, callApi, tail } from './backends';
import type { TestDatabase } from './database';
import { CI_TOKEN } from './estate';
import { SweepState, sweepState } from './storeChecks';

/** Resolves after `ms`. */
export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Polls `condition` until it holds and returns when; after `timeoutMs` throws with the processes' last lines. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  procs: BackendProcess[] = [],
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const tails = procs.map(p => `--- ${p.name}\n${tail(p, 10).join('\n')}`);
      throw new Error(`Timed out waiting for ${what}\n${tails.join('\n')}`);
    }
    await sleep(100);
  }
  return Date.now();
}

/** A TCP port nothing listens on. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise(resolve => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const CLAIMED = 'Maturity sweep step claimed the lease';

/** Freezes (SIGSTOP) the first of `procs` that logs claiming the sweep's lease; undefined after `timeoutMs`. */
async function freezeClaimer(
  procs: BackendProcess[],
  trigger: () => Promise<void>,
  timeoutMs: number,
): Promise<BackendProcess | undefined> {
  // One holder object rather than a reassigned variable: the listeners share it.
  const state: { frozen?: BackendProcess } = {};
  const offs: Array<() => void> = [];
  const claimed = new Promise<BackendProcess>(resolve => {
    const listen = (proc: BackendProcess) =>
      proc.onLog(line => {
        if (state.frozen || line.message !== CLAIMED) return;
        state.frozen = proc;
        proc.child.kill('SIGSTOP');
        resolve(proc);
      });
    offs.push(...procs.map(listen));
  });
  try {
    await trigger();
    return await Promise.race([
      claimed,
      sleep(timeoutMs).then(() => undefined),
    ]);
  } finally {
    offs.forEach(off => off());
  }
}

/** What the kill hit. */
export interface MidSweepKill {
  victim: BackendProcess;
  killedAt: number;
  /** The sweep row while the victim was frozen, just before the kill. */
  state: SweepState;
  attempt: number;
}

/** How long the frozen claimer works before the kill, per attempt: a warm sweep of the estate can finish in 50 ms. */
const WORK_MS = [50, 10, 0];

const midSweep = (state: SweepState | undefined, before?: SweepState) =>
  !!state &&
  state.generation > (before?.generation ?? 0) &&
  !state.done_at &&
  !!state.lease_owner;

async function attemptKill(
  db: TestDatabase,
  alive: BackendProcess[],
  attempt: number,
): Promise<MidSweepKill | string> {
  const before = await sweepState(db);
  const frozen = await freezeClaimer(
    alive,
    async () => {
      const res = await callApi(
        alive[0],
        CI_TOKEN,
        'POST',
        '/api/maturity/.backstage/scheduler/v1/tasks/maturity-sweep/trigger',
      );
      if (res.status !== 200) {
        throw new Error(`Triggering the sweep answered ${res.status}`);
      }
    },
    30_000,
  );
  if (!frozen) throw new Error('No process claimed the triggered sweep');
  let state = await sweepState(db);
  const workMs = WORK_MS[attempt - 1] ?? 0;
  if (midSweep(state, before) && workMs > 0) {
    // A moment of work, so that the kill lands inside the step rather than on its first line.
    frozen.child.kill('SIGCONT');
    await sleep(workMs);
    frozen.child.kill('SIGSTOP');
    state = await sweepState(db);
  }
  if (state && midSweep(state, before)) {
    frozen.child.kill('SIGKILL');
    return { victim: frozen, killedAt: Date.now(), state, attempt };
  }
  frozen.child.kill('SIGCONT');
  await waitFor(
    'the sweep to finish',
    async () => !!(await sweepState(db))?.done_at,
    30_000,
    alive,
  );
  return `attempt ${attempt} (${workMs} ms of work): sweep row ${JSON.stringify(
    state,
  )}, before ${JSON.stringify(before)}`;
}

/**
 * Triggers a sweep and SIGKILLs the process whose step claims its lease, a moment into its work. The
 * process is frozen (SIGSTOP) the instant it logs the claim and again a few ms later, so that the sweep
 * row is read while it still holds the lease: only a process frozen mid-sweep is killed; one that had
 * already finished is resumed and the next sweep tried with less work before the kill (none at last).
 */
export async function killMidSweep(
  db: TestDatabase,
  alive: BackendProcess[],
): Promise<MidSweepKill> {
  const misses: string[] = [];
  for (let attempt = 1; attempt <= WORK_MS.length; attempt++) {
    const kill = await attemptKill(db, alive, attempt);
    if (typeof kill !== 'string') return kill;
    misses.push(kill);
  }
  throw new Error(`Could not kill a process mid-sweep:\n${misses.join('\n')}`);
}
