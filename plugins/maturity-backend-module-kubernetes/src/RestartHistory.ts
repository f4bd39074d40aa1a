import type { PodInfo } from './snapshot';

const DAY_MS = 24 * 3_600_000;

interface Sample {
  at: number;
  count: number;
}

/** Restarts and OOM kills of one pod in the last 24 hours. */
export interface PodRestarts {
  /** Container restarts, for any reason. */
  restarts: number;
  /** Terminations with reason `OOMKilled`. */
  oomKills: number;
}

/**
 * Turns pod snapshots into "in the last 24 hours" counts. A pod only shows a cumulative `restartCount` and
 * its last termination, so the history remembers, per container, the counts it saw and every OOM kill it
 * saw (by `finishedAt`):
 *
 * - a pod that started within 24 h: all its restarts are in the window (exact);
 * - an older pod: the restart count now minus the one seen 24 h ago; until 24 h of history exist, minus the
 *   oldest one seen (a lower bound), and at least 1 when the last termination is within the window;
 * - OOM kills: distinct `OOMKilled` terminations (last state or current state) whose `finishedAt` is within
 *   24 h, as seen at any collection of the window. Kills between two collections of a container that is
 *   OOM-killed more often than it is observed are missed (a lower bound).
 *
 * The history lives in memory: after a restart of the backend it starts again from the lower bounds.
 */
export class RestartHistory {
  readonly #samples = new Map<string, Sample[]>();
  readonly #ooms = new Map<string, Map<string, number>>();
  readonly #lastSeen = new Map<string, number>();

  /** Observes one pod of a cluster at `now` and returns its counts over the 24 h before `now`. */
  observe(cluster: string, pod: PodInfo, now: Date): PodRestarts {
    const at = now.getTime();
    const windowStart = at - DAY_MS;
    const youngPod =
      pod.startedAt !== undefined && pod.startedAt.getTime() >= windowStart;
    let restarts = 0;
    let oomKills = 0;
    for (const container of pod.containers) {
      const key = `${cluster}/${pod.namespace}/${pod.uid}/${container.name}`;
      this.#lastSeen.set(key, at);
      const recentEnd = container.terminations.some(
        t =>
          t.finishedAt !== undefined && t.finishedAt.getTime() >= windowStart,
      );
      restarts += youngPod
        ? container.restartCount
        : this.#restartsSince(
            key,
            windowStart,
            container.restartCount,
            recentEnd,
          );
      this.#record(key, { at, count: container.restartCount }, windowStart);
      oomKills += this.#oomKills(key, container.terminations, windowStart);
    }
    return { restarts, oomKills };
  }

  /** Forgets containers not observed for two days (pods that are gone). */
  prune(now: Date): void {
    const horizon = now.getTime() - 2 * DAY_MS;
    for (const [key, seen] of this.#lastSeen) {
      if (seen >= horizon) continue;
      this.#lastSeen.delete(key);
      this.#samples.delete(key);
      this.#ooms.delete(key);
    }
  }

  #restartsSince(
    key: string,
    windowStart: number,
    count: number,
    recentEnd: boolean,
  ): number {
    const samples = this.#samples.get(key) ?? [];
    const before = samples.filter(s => s.at <= windowStart).pop();
    const baseline = before ?? samples[0];
    if (!baseline) return recentEnd ? 1 : 0;
    const delta = Math.max(0, count - baseline.count);
    return before === undefined && delta === 0 && recentEnd ? 1 : delta;
  }

  // Keeps the newest sample at or before the window start (the baseline) and everything after it.
  #record(key: string, sample: Sample, windowStart: number) {
    const samples = this.#samples.get(key) ?? [];
    samples.push(sample);
    let firstKept = 0;
    for (let i = 0; i < samples.length; i++)
      if (samples[i].at <= windowStart) firstKept = i;
    this.#samples.set(key, samples.slice(firstKept));
  }

  #oomKills(
    key: string,
    terminations: PodInfo['containers'][number]['terminations'],
    windowStart: number,
  ) {
    const seen = this.#ooms.get(key) ?? new Map<string, number>();
    for (const t of terminations) {
      if (t.reason === 'OOMKilled' && t.finishedAt) {
        seen.set(t.finishedAt.toISOString(), t.finishedAt.getTime());
      }
    }
    for (const [id, finished] of seen)
      if (finished < windowStart) seen.delete(id);
    if (seen.size) this.#ooms.set(key, seen);
    else this.#ooms.delete(key);
    return seen.size;
  }
}
