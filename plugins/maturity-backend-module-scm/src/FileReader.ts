import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError, NotFoundError, NotModifiedError } from '@backstage/errors';
import type { FileObservation } from './deriveFacts';
import { HostGate, HostUnavailableError } from './HostGate';
import { ManifestError, parseFile } from './parsers';

interface CachedFile {
  etag?: string;
  observation: FileObservation;
  seen: number;
}

/** Options of the reader. */
export interface FileReaderOptions {
  urlReader: UrlReaderService;
  gate: HostGate;
  /** Timeout of one read. */
  requestTimeoutMs: number;
  /** How long a host that reports a rate limit through UrlReader (which hides its headers) is left alone. */
  rateLimitBackoffMs: number;
  /** The longest the gate waits (a pause past it skips the host). */
  maxWaitMs: number;
  /** Largest file parsed; larger ones become an error fact. */
  maxFileBytes: number;
  /** The clock, in epoch milliseconds. */
  now: () => number;
}

const RATE_LIMITED = /rate limit|[ ,]429 /i;

/**
 * Reads repository files through UrlReader, keeping the last ETag and the parsed result of every file URL:
 * an unchanged file (NotModifiedError) costs no download and no parse. A 404 is an observation (missing);
 * a failure (5xx, timeout, rate limit) answers with the last observation when there is one, else throws
 * HostUnavailableError so that the entity keeps its stored facts.
 */
export class FileReader {
  readonly #options: FileReaderOptions;
  readonly #files = new Map<string, CachedFile>();
  #run = 0;
  #inFlight = new Map<string, Promise<ReadResult>>();

  constructor(options: FileReaderOptions) {
    this.#options = options;
  }

  /** Starts a collection: reads are shared by entities that point at the same file. */
  startRun(): number {
    this.#inFlight = new Map();
    return ++this.#run;
  }

  /** Forgets files not read during run `run`. */
  prune(run: number): void {
    for (const [url, file] of this.#files) {
      if (file.seen < run) this.#files.delete(url);
    }
  }

  /** Number of cached files (benchmarks). */
  get size(): number {
    return this.#files.size;
  }

  /** The last observation of a file without asking the host (its repository has not changed). */
  peek(url: string): FileObservation | undefined {
    const cached = this.#files.get(url);
    if (cached) cached.seen = this.#run;
    return cached?.observation;
  }

  /**
   * Reads one file; `stale` tells that the host failed and the last observation stands in.
   * `rateLimitReset` tells when a host that refused for its rate limit accepts requests again.
   */
  read(
    host: string,
    url: string,
    signal?: AbortSignal,
    rateLimitReset?: () => Promise<number | undefined>,
  ): Promise<ReadResult> {
    let pending = this.#inFlight.get(url);
    if (!pending) {
      pending = this.#read(host, url, signal, rateLimitReset);
      this.#inFlight.set(url, pending);
    }
    return pending;
  }

  async #read(
    host: string,
    url: string,
    signal: AbortSignal | undefined,
    rateLimitReset: (() => Promise<number | undefined>) | undefined,
  ): Promise<ReadResult> {
    const cached = this.#files.get(url);
    try {
      const observation = await this.#fetch(
        host,
        url,
        cached,
        signal,
        rateLimitReset,
        false,
      );
      return { observation, stale: false };
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure =
        error instanceof HostUnavailableError
          ? error
          : new HostUnavailableError(host, `${url}: ${describe(error)}`);
      if (!cached) throw failure;
      cached.seen = this.#run;
      return { observation: cached.observation, stale: true, failure };
    }
  }

  async #fetch(
    host: string,
    url: string,
    cached: CachedFile | undefined,
    signal: AbortSignal | undefined,
    rateLimitReset: (() => Promise<number | undefined>) | undefined,
    retried: boolean,
  ): Promise<FileObservation> {
    const { urlReader, gate, requestTimeoutMs } = this.#options;
    let timeout: AbortSignal | undefined;
    try {
      const response = await gate.run(
        host,
        async () => {
          // Started once a slot is free: time spent queueing for the host is not the host's fault.
          timeout = AbortSignal.timeout(requestTimeoutMs);
          const res = await urlReader.readUrl(url, {
            etag: cached?.etag,
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          });
          return { etag: res.etag, buffer: await res.buffer() };
        },
        signal,
      );
      const observation = this.#parse(url, response.buffer);
      this.#files.set(url, {
        etag: response.etag,
        observation,
        seen: this.#run,
      });
      return observation;
    } catch (error) {
      if (isError(error) && error.name === NotModifiedError.name && cached) {
        cached.seen = this.#run;
        return cached.observation;
      }
      if (isError(error) && error.name === NotFoundError.name) {
        const observation: FileObservation = { exists: false };
        this.#files.set(url, { observation, seen: this.#run });
        return observation;
      }
      if (timeout?.aborted && !signal?.aborted) {
        throw new HostUnavailableError(
          host,
          `${url}: timed out after ${requestTimeoutMs} ms`,
        );
      }
      if (isError(error) && RATE_LIMITED.test(error.message)) {
        const now = this.#options.now();
        const until =
          (await rateLimitReset?.()) ?? now + this.#options.rateLimitBackoffMs;
        // Limited again after waiting once: past the wait budget, so the host is skipped for this run.
        gate.pause(host, retried ? now + this.#options.maxWaitMs + 1 : until);
        if (!retried) {
          return this.#fetch(host, url, cached, signal, rateLimitReset, true);
        }
      }
      throw error;
    }
  }

  #parse(url: string, buffer: Buffer): FileObservation {
    if (buffer.length > this.#options.maxFileBytes) {
      return {
        exists: true,
        error: `${buffer.length} bytes, more than the ${
          this.#options.maxFileBytes
        } read`,
      };
    }
    const path = new URL(url).pathname;
    try {
      return { exists: true, parsed: parseFile(path, buffer.toString('utf8')) };
    } catch (error) {
      // A parser bug must not stop the collection either: the reason becomes the fact.
      const reason =
        error instanceof ManifestError ? error.message : describe(error);
      return { exists: true, error: reason };
    }
  }
}

/** The outcome of one read. */
export interface ReadResult {
  observation: FileObservation;
  /** The host failed and this is the last observation. */
  stale: boolean;
  failure?: HostUnavailableError;
}

function describe(error: unknown): string {
  return isError(error) ? error.message : String(error);
}
