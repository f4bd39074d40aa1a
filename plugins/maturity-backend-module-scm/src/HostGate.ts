/** A host could not answer (5xx, timeout, network, rate limit beyond the wait budget). */
export class HostUnavailableError extends Error {
  constructor(readonly host: string, message: string) {
    super(message);
    this.name = 'HostUnavailableError';
  }
}

/** Options of the gate. */
export interface HostGateOptions {
  /** Requests in flight per host. */
  concurrency: number;
  /** The longest a request waits for a rate limit to reset; past it the host is skipped. */
  maxWaitMs: number;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** Waits; injected so tests need no real delays. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface HostState {
  active: number;
  queue: Array<() => void>;
  pausedUntil: number;
}

/** Waits `ms`, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let onAbort = () => {};
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Per-host concurrency and rate limiting: at most `concurrency` requests in flight to one host, and none
 * while the host has told us to wait (Retry-After, an exhausted x-ratelimit-remaining). A wait longer
 * than `maxWaitMs` fails fast with HostUnavailableError so one throttled host never stalls a collection.
 */
export class HostGate {
  readonly #options: HostGateOptions;
  readonly #hosts = new Map<string, HostState>();

  constructor(options: HostGateOptions) {
    this.#options = options;
  }

  /** Runs a request to `host` when a slot is free and the host accepts requests. */
  async run<T>(
    host: string,
    request: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const state = this.#state(host);
    if (state.active >= this.#options.concurrency) {
      await new Promise<void>(resolve => state.queue.push(resolve));
    } else {
      state.active++;
    }
    try {
      await this.#waitUntilOpen(host, state, signal);
      return await request();
    } finally {
      const next = state.queue.shift();
      if (next) next();
      else state.active--;
    }
  }

  /** Stops requests to `host` until `untilMs` (a later pause wins). */
  pause(host: string, untilMs: number): void {
    const state = this.#state(host);
    state.pausedUntil = Math.max(state.pausedUntil, untilMs);
  }

  /** When `host` accepts requests again (epoch ms; 0 when it does now). */
  pausedUntil(host: string): number {
    const until = this.#hosts.get(host)?.pausedUntil ?? 0;
    return until > this.#options.now() ? until : 0;
  }

  async #waitUntilOpen(host: string, state: HostState, signal?: AbortSignal) {
    const wait = state.pausedUntil - this.#options.now();
    if (wait <= 0) return;
    if (wait > this.#options.maxWaitMs) {
      throw new HostUnavailableError(
        host,
        `rate limited until ${new Date(state.pausedUntil).toISOString()}`,
      );
    }
    await this.#options.sleep(wait, signal);
  }

  #state(host: string): HostState {
    let state = this.#hosts.get(host);
    if (!state) {
      state = { active: 0, queue: [], pausedUntil: 0 };
      this.#hosts.set(host, state);
    }
    return state;
  }
}
