import type { GithubCredentialsProvider } from '@backstage/integration';
import { HostGate, HostUnavailableError } from './HostGate';

/** A repository on a GitHub host, as the REST API names it. */
export interface GithubRepository {
  /** The integration's host (`github.com`, `ghe.example.com`). */
  host: string;
  /** The integration's `apiBaseUrl`. */
  apiBaseUrl: string;
  owner: string;
  name: string;
}

/** What the API answered for a resource that may be unavailable to us (disabled feature, no permission). */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; message: string };

interface CachedPage {
  etag?: string;
  value: unknown;
  next?: string;
  seen: number;
}

/** Options of the client. */
export interface GithubApiOptions {
  gate: HostGate;
  credentials: GithubCredentialsProvider;
  /** Timeout of one request. */
  requestTimeoutMs: number;
  /** The clock, in epoch milliseconds. */
  now: () => number;
}

const NEXT_LINK = /<([^>]+)>;\s*rel="next"/;
const JSON_MEDIA_TYPE = 'application/vnd.github+json';

/**
 * A small GitHub REST client for the facts UrlReader cannot give (language, pull requests, Dependabot
 * alerts): conditional requests with the last ETag of every page (a 304 costs no rate limit), pagination
 * through `Link`, and the rate-limit headers fed to the host gate.
 */
export class GithubApi {
  readonly #options: GithubApiOptions;
  readonly #pages = new Map<string, CachedPage>();
  #run = 0;

  constructor(options: GithubApiOptions) {
    this.#options = options;
  }

  /** Marks the start of a collection; pages not read since the previous full one can be pruned. */
  startRun(): number {
    return ++this.#run;
  }

  /** Forgets pages not read during run `run` (repositories that left the catalog). */
  prune(run: number): void {
    for (const [url, page] of this.#pages) {
      if (page.seen < run) this.#pages.delete(url);
    }
  }

  /** The mapped value of a single-page resource as last read, without a request (undefined if never read). */
  peek(repo: GithubRepository, path: string): unknown {
    const page = this.#pages.get(
      `${repo.apiBaseUrl}/repos/${repo.owner}/${repo.name}${path}`,
    );
    if (!page || page.next) return undefined;
    page.seen = this.#run;
    return page.value;
  }

  /**
   * Reads every page of a list (or one object) and maps each page once, when it changes. `accept` asks for
   * another media type (`application/vnd.github.sha` answers a commit's sha as text).
   */
  async getAll<T>(
    repo: GithubRepository,
    path: string,
    mapPage: (body: unknown) => T,
    signal?: AbortSignal,
    accept = JSON_MEDIA_TYPE,
  ): Promise<ApiResult<T[]>> {
    const values: T[] = [];
    let url:
      | string
      | undefined = `${repo.apiBaseUrl}/repos/${repo.owner}/${repo.name}${path}`;
    const visited = new Set<string>();
    while (url && !visited.has(url)) {
      visited.add(url);
      const page: ApiResult<CachedPage> = await this.#get(
        repo,
        url,
        mapPage,
        signal,
        accept,
      );
      if (!page.ok) return page;
      values.push(page.value.value as T);
      url = page.value.next;
    }
    return { ok: true, value: values };
  }

  async #get<T>(
    repo: GithubRepository,
    url: string,
    mapPage: (body: unknown) => T,
    signal: AbortSignal | undefined,
    accept: string,
    retried = false,
  ): Promise<ApiResult<CachedPage>> {
    const cached = this.#pages.get(url);
    const { credentials, gate, requestTimeoutMs } = this.#options;
    const { headers } = await credentials.getCredentials({
      url: `https://${repo.host}/${repo.owner}/${repo.name}`,
    });
    let response: Response;
    try {
      response = await gate.run(
        repo.host,
        () =>
          fetch(url, {
            headers: {
              ...headers,
              Accept: accept,
              'X-GitHub-Api-Version': '2022-11-28',
              ...(cached?.etag && { 'If-None-Match': cached.etag }),
            },
            signal: signal
              ? AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)])
              : AbortSignal.timeout(requestTimeoutMs),
          }),
        signal,
      );
    } catch (error) {
      if (signal?.aborted || error instanceof HostUnavailableError) throw error;
      throw new HostUnavailableError(
        repo.host,
        `GET ${url}: ${describe(error)}`,
      );
    }
    const limitedUntil = this.#rateLimitedUntil(response);
    if (response.status === 304 && cached) {
      cached.seen = this.#run;
      return { ok: true, value: cached };
    }
    if (limitedUntil !== undefined) {
      await response.body?.cancel();
      gate.pause(repo.host, limitedUntil);
      if (!retried) return this.#get(repo, url, mapPage, signal, accept, true);
      throw new HostUnavailableError(
        repo.host,
        `GET ${url}: rate limited until ${new Date(
          limitedUntil,
        ).toISOString()}`,
      );
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new HostUnavailableError(
        repo.host,
        `GET ${url}: ${response.status} ${response.statusText}`,
      );
    }
    if (!response.ok) {
      const body = await response.text();
      let message = body;
      try {
        message = (JSON.parse(body) as { message?: string }).message ?? body;
      } catch {
        // not JSON: the text is the message
      }
      return { ok: false, status: response.status, message };
    }
    let body: unknown;
    try {
      const text = await response.text();
      body =
        accept === JSON_MEDIA_TYPE || text.startsWith('{')
          ? JSON.parse(text)
          : text;
    } catch (error) {
      throw new HostUnavailableError(
        repo.host,
        `GET ${url}: ${describe(error)}`,
      );
    }
    const page: CachedPage = {
      etag: response.headers.get('etag') ?? undefined,
      value: mapPage(body),
      next: NEXT_LINK.exec(response.headers.get('link') ?? '')?.[1],
      seen: this.#run,
    };
    this.#pages.set(url, page);
    // Out of quota after this answer: hold further requests to the host until the reset.
    if (response.headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      if (reset > 0) gate.pause(repo.host, reset * 1000);
    }
    return { ok: true, value: page };
  }

  /**
   * When the host's core rate limit resets, asked of `GET /rate_limit` (which costs no quota); used when
   * UrlReader reports a rate limit without showing its headers. Undefined when quota remains or unknown.
   */
  async rateLimitReset(
    repo: GithubRepository,
    signal?: AbortSignal,
  ): Promise<number | undefined> {
    const { headers } = await this.#options.credentials.getCredentials({
      url: `https://${repo.host}/${repo.owner}/${repo.name}`,
    });
    try {
      const response = await fetch(`${repo.apiBaseUrl}/rate_limit`, {
        headers: { ...headers, Accept: JSON_MEDIA_TYPE },
        signal: signal
          ? AbortSignal.any([
              signal,
              AbortSignal.timeout(this.#options.requestTimeoutMs),
            ])
          : AbortSignal.timeout(this.#options.requestTimeoutMs),
      });
      const limited = this.#rateLimitedUntil(response);
      if (limited !== undefined) {
        await response.body?.cancel();
        return limited;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return undefined;
      }
      const body = (await response.json()) as {
        resources?: {
          core?: { remaining?: number | string; reset?: number | string };
        };
      };
      const core = body.resources?.core;
      return Number(core?.remaining) === 0 && Number(core?.reset) > 0
        ? Number(core?.reset) * 1000
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** When a rate-limited answer says to come back (Retry-After, else x-ratelimit-reset); else undefined. */
  #rateLimitedUntil(response: Response): number | undefined {
    const remaining = response.headers.get('x-ratelimit-remaining');
    const limited =
      response.status === 429 ||
      (response.status === 403 &&
        (remaining === '0' || response.headers.has('retry-after')));
    if (!limited) return undefined;
    const now = this.#options.now();
    const retryAfter = Number(response.headers.get('retry-after'));
    if (retryAfter > 0) return now + retryAfter * 1000;
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    // GitHub's advice without headers: wait at least a minute.
    return reset > 0 ? Math.max(reset * 1000, now) : now + 60_000;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (error.name === 'TimeoutError') return 'timed out';
    return cause instanceof Error
      ? `${error.message} (${cause.message})`
      : error.message;
  }
  return String(error);
}
