import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Repository } from './Repository';
import { Answer, route } from './routes';
import type { LoopbackFault, LoopbackRequest, RepositorySpec } from './types';

/** How to start a loopback GitHub. */
export interface LoopbackGitHubOptions {
  /** Port to listen on; 0 (default) picks a free one. A busy port rejects `start()` with EADDRINUSE. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Tokens the server accepts. An unknown token gets 401; no token reads public repositories only. */
  tokens?: string[];
  /** Repositories to serve from the start. */
  repositories?: RepositorySpec[];
  /** Latency added to every request (benchmarks simulate a remote GitHub with it). */
  latencyMs?: number;
  /** Primary rate limit per token (or per anonymous client) and hour, like GitHub (default 5,000). */
  rateLimit?: number;
  /** The clock (pull request ages, alert dates, rate-limit windows); default `() => new Date()`. */
  now?: () => Date;
}

const MAX_LOG = 10_000;

/**
 * A GitHub (Enterprise Server) REST API on `node:http` for tests, benchmarks and the demo: repository
 * contents (JSON and raw, with ETags and 304), raw.githubusercontent-style URLs, commits, combined status,
 * trees, blobs, tarballs, Dependabot alerts, pull requests, languages and rate-limit headers, with
 * injectable faults (status codes, delays, hangs, primary and secondary rate limits).
 */
export class LoopbackGitHub {
  readonly #server: http.Server;
  readonly #repos = new Map<string, Repository>();
  readonly #tokens?: Set<string>;
  readonly #latencyMs: number;
  readonly #rateLimit: number;
  readonly #now: () => Date;
  readonly #requests: LoopbackRequest[] = [];
  readonly #buckets = new Map<string, { used: number; resetAt: number }>();
  #faults: LoopbackFault[] = [];
  #requestCount = 0;
  #url = '';

  /** Starts a server and resolves once it listens; rejects (EADDRINUSE…) when it cannot. */
  static async start(
    options: LoopbackGitHubOptions = {},
  ): Promise<LoopbackGitHub> {
    const server = new LoopbackGitHub(options);
    await server.#listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return server;
  }

  private constructor(options: LoopbackGitHubOptions) {
    this.#tokens = options.tokens ? new Set(options.tokens) : undefined;
    this.#latencyMs = options.latencyMs ?? 0;
    this.#rateLimit = options.rateLimit ?? 5000;
    this.#now = options.now ?? (() => new Date());
    for (const spec of options.repositories ?? []) this.addRepository(spec);
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch(error => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
        }
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
  }

  /** Base URL, e.g. `http://127.0.0.1:41234`; web links to repositories start here. */
  get url(): string {
    return this.#url;
  }

  /** `host:port`, the `host` of the `integrations.github` entry. */
  get host(): string {
    return new URL(this.#url).host;
  }

  /** REST API base (`apiBaseUrl`), like GitHub Enterprise Server's `https://HOST/api/v3`. */
  get apiBaseUrl(): string {
    return `${this.#url}/api/v3`;
  }

  /** Raw file base (`rawBaseUrl`), like GitHub Enterprise Server's `https://HOST/raw`. */
  get rawBaseUrl(): string {
    return `${this.#url}/raw`;
  }

  /** The `integrations.github` entry that points Backstage at this server. */
  integrationConfig(token?: string): {
    host: string;
    apiBaseUrl: string;
    rawBaseUrl: string;
    token?: string;
  } {
    return {
      host: this.host,
      apiBaseUrl: this.apiBaseUrl,
      rawBaseUrl: this.rawBaseUrl,
      ...(token ? { token } : {}),
    };
  }

  /** The URL of a repository (or of a file in it on the default branch), as a source-location uses it. */
  repoUrl(fullName: string, path?: string): string {
    const repo = this.repository(fullName);
    const branch = repo?.defaultBranch ?? 'main';
    return path
      ? `${this.#url}/${fullName}/blob/${branch}/${path.replace(/^\/+/, '')}`
      : `${this.#url}/${fullName}/tree/${branch}/`;
  }

  /** Adds (or replaces) a repository. */
  addRepository(spec: RepositorySpec): Repository {
    const repo = new Repository(spec, this.#now());
    this.#repos.set(repo.fullName.toLowerCase(), repo);
    return repo;
  }

  /** Removes a repository; it answers 404 afterwards. */
  removeRepository(fullName: string): void {
    this.#repos.delete(fullName.toLowerCase());
  }

  /** A served repository by `owner/name` (case-insensitive, like GitHub). */
  repository(fullName: string): Repository | undefined {
    return this.#repos.get(fullName.toLowerCase());
  }

  /** Every served repository. */
  get repositories(): Repository[] {
    return [...this.#repos.values()];
  }

  /** Commits file changes (a string writes, `null` deletes) to a repository's default branch. */
  commit(
    fullName: string,
    changes: Record<string, string | null>,
    message = 'Update files',
  ): string {
    const repo = this.repository(fullName);
    if (!repo) throw new Error(`No loopback repository ${fullName}`);
    return repo.commit(changes, message, this.#now());
  }

  /** Injects a fault; several can be active, the first matching one applies. */
  fail(fault: LoopbackFault): void {
    this.#faults.push({ ...fault });
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.#faults = [];
  }

  /** The most recent requests (at most 10,000), oldest first. */
  get requests(): readonly LoopbackRequest[] {
    return this.#requests;
  }

  /** How many requests the server received since it started. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** Forgets the request log. */
  clearRequests(): void {
    this.#requests.length = 0;
  }

  /** Stops listening and drops open connections (hanging requests included). */
  async stop(): Promise<void> {
    await new Promise<void>(resolve => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(
          new Error(
            `Loopback GitHub could not listen on ${host}:${port}: ${
              error.code === 'EADDRINUSE'
                ? 'the port is in use (EADDRINUSE)'
                : error.message
            }`,
            { cause: error },
          ),
        );
      };
      this.#server.once('error', onError);
      this.#server.listen(port, host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    const h =
      address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#url = `http://${h}:${address.port}`;
  }

  #matchFault(
    repo: string | undefined,
    path: string,
  ): LoopbackFault | undefined {
    const index = this.#faults.findIndex(fault => {
      if (fault.repo && fault.repo.toLowerCase() !== repo?.toLowerCase())
        return false;
      if (fault.path === undefined) return true;
      return typeof fault.path === 'string'
        ? path.includes(fault.path)
        : fault.path.test(path);
    });
    if (index < 0) return undefined;
    const fault = this.#faults[index];
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.#faults.splice(index, 1);
    }
    return fault;
  }

  #rateHeaders(key: string): {
    headers: Record<string, string>;
    exceeded: boolean;
  } {
    const now = this.#now().getTime();
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { used: 0, resetAt: now + 3_600_000 };
      this.#buckets.set(key, bucket);
    }
    const exceeded = bucket.used >= this.#rateLimit;
    if (!exceeded) bucket.used += 1;
    return {
      exceeded,
      headers: {
        'x-ratelimit-limit': String(this.#rateLimit),
        'x-ratelimit-remaining': String(this.#rateLimit - bucket.used),
        'x-ratelimit-used': String(bucket.used),
        'x-ratelimit-reset': String(Math.ceil(bucket.resetAt / 1000)),
        'x-ratelimit-resource': 'core',
      },
    };
  }

  async #handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    this.#requestCount += 1;
    const path = req.url ?? '/';
    const auth = /^(?:token|bearer)\s+(\S+)/i.exec(
      req.headers.authorization ?? '',
    );
    const token = auth?.[1];
    const ifNoneMatch = req.headers['if-none-match'];
    const log: LoopbackRequest = {
      method: req.method ?? 'GET',
      path,
      status: 0,
      ...(typeof ifNoneMatch === 'string' ? { ifNoneMatch } : {}),
      ...(token ? { token } : {}),
    };
    this.#requests.push(log);
    if (this.#requests.length > MAX_LOG) this.#requests.shift();
    res.on('finish', () => {
      log.status = res.statusCode;
    });
    if (this.#latencyMs > 0) await delay(this.#latencyMs);

    const isApi = path.startsWith('/api/v3/');
    const repoName = /^\/(?:api\/v3\/repos\/|raw\/)?([^/?]+\/[^/?]+)/.exec(
      path,
    )?.[1];
    const base: Record<string, string> = {
      'x-github-request-id': `LOOPBACK:${this.#requestCount}`,
      ...(isApi ? { 'x-github-api-version-selected': '2022-11-28' } : {}),
    };
    const fault = this.#matchFault(repoName, path);
    if (fault?.type === 'hang') return; // the response never comes; stop() or the client's timeout ends it
    if (fault?.type === 'delay') await delay(fault.ms);
    const { answer, headers } = this.#answer(req, path, token, fault, base);
    const body =
      answer.body === undefined || Buffer.isBuffer(answer.body)
        ? answer.body
        : Buffer.from(JSON.stringify(answer.body, null, 2));
    res.writeHead(answer.status, {
      ...headers,
      ...(answer.body !== undefined && !Buffer.isBuffer(answer.body)
        ? { 'content-type': 'application/json; charset=utf-8' }
        : {}),
      ...answer.headers,
      ...(body ? { 'content-length': String(body.length) } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  #answer(
    req: http.IncomingMessage,
    path: string,
    token: string | undefined,
    fault: LoopbackFault | undefined,
    base: Record<string, string>,
  ): { answer: Answer; headers: Record<string, string> } {
    if (token && this.#tokens && !this.#tokens.has(token)) {
      return {
        headers: base,
        answer: {
          status: 401,
          body: {
            message: 'Bad credentials',
            documentation_url: 'https://docs.github.com/rest',
          },
        },
      };
    }
    const rate = path.startsWith('/api/v3/')
      ? this.#rateHeaders(token ?? `anonymous:${req.socket.remoteAddress}`)
      : undefined;
    const headers = { ...base, ...rate?.headers };
    if (fault?.type === 'rateLimit' || rate?.exceeded) {
      const reset = Math.ceil(
        (this.#now().getTime() +
          (fault?.type === 'rateLimit'
            ? (fault.resetInSeconds ?? 60) * 1000
            : 0)) /
          1000,
      );
      return {
        headers,
        answer: {
          status: 403,
          headers: {
            'x-ratelimit-remaining': '0',
            ...(fault?.type === 'rateLimit'
              ? { 'x-ratelimit-reset': String(reset) }
              : {}),
            ...(fault?.type === 'rateLimit' &&
            fault.retryAfterSeconds !== undefined
              ? { 'retry-after': String(fault.retryAfterSeconds) }
              : {}),
          },
          body: {
            message: `API rate limit exceeded for ${
              token ? 'user' : 'client'
            }.`,
            documentation_url:
              'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          },
        },
      };
    }
    if (fault?.type === 'secondaryRateLimit') {
      return {
        headers,
        answer: {
          status: 429,
          headers: { 'retry-after': String(fault.retryAfterSeconds) },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
        },
      };
    }
    if (fault?.type === 'status') {
      return {
        headers,
        answer: {
          status: fault.status,
          body: {
            message:
              fault.message ?? http.STATUS_CODES[fault.status] ?? 'Error',
            documentation_url: 'https://docs.github.com/rest',
          },
        },
      };
    }
    const ifNoneMatch = req.headers['if-none-match'];
    const answer = route({
      method: req.method ?? 'GET',
      url: new URL(path, this.#url),
      accept: req.headers.accept ?? '',
      ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined,
      authorized: Boolean(token),
      now: this.#now(),
      base: this.#url,
      repository: name => this.repository(name),
      rateLimit: () => rate?.headers ?? {},
    });
    return { answer, headers };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
