import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { authenticator, createServer, listenError } from './auth';
import { ObjectStore } from './ObjectStore';
import { groupVersion, ResourceType } from './resources';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';
import { reasonFor, sendExpired, sendJson, sendStatus } from './responses';
import type { KubeObject, LoopbackFailure, LoopbackRequest } from './types';

/** How to start a loopback cluster. */
export interface LoopbackClusterOptions {
  /** Cluster name (informational; the client's config names it). */
  name: string;
  /**
   * Bearer token(s) the server accepts. Without tokens and without `clientCertificates`, every request
   * is allowed (anonymous, as behind `kubectl proxy`).
   */
  tokens?: string | string[];
  /** Serve HTTPS with this certificate and key (PEM); `ca` verifies client certificates. */
  tls?: { cert: string; key: string; ca?: string };
  /** Common names of client certificates (signed by `tls.ca`) the server accepts as users. */
  clientCertificates?: string[];
  /** Plural resources the tokens may not list (answered with 403), e.g. `['statefulsets']`. */
  forbiddenResources?: string[];
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Objects to serve from the start. */
  objects?: KubeObject[];
  /** Namespace for namespaced objects that have none (default `default`). */
  defaultNamespace?: string;
  /** Continue tokens older than this expire with 410 Gone (default 5 minutes, like an etcd compaction). */
  continueTtlMs?: number;
}

interface ContinueState {
  snapshot: KubeObject[];
  offset: number;
  page: number;
  query: string;
  createdAt: number;
}

interface Route {
  type: ResourceType;
  namespace?: string;
  name?: string;
}

const MAX_LOG = 10_000;

/**
 * A Kubernetes API server on `node:http` for one cluster: serves stored objects through the real REST paths,
 * with `limit`/`continue` paging over a consistent snapshot, label and field selectors, bearer tokens, and
 * injectable failures (status codes, hangs, failures after a page, truncated bodies, expired tokens).
 * For tests, benchmarks and the demo only.
 */
export class LoopbackCluster {
  readonly name: string;
  readonly store = new ObjectStore();
  readonly #server: http.Server | https.Server;
  readonly #authenticate: (req: http.IncomingMessage) => boolean;
  readonly #scheme: 'http' | 'https';
  readonly #forbidden: Set<string>;
  readonly #continueTtlMs: number;
  readonly #continues = new Map<string, ContinueState>();
  readonly #requests: LoopbackRequest[] = [];
  #failures: LoopbackFailure[] = [];
  #requestCount = 0;
  #url = '';

  /** Starts a server and resolves once it listens. */
  static async start(
    options: LoopbackClusterOptions,
  ): Promise<LoopbackCluster> {
    const cluster = new LoopbackCluster(options);
    await cluster.#listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return cluster;
  }

  private constructor(options: LoopbackClusterOptions) {
    this.name = options.name;
    this.#authenticate = authenticator(options);
    this.#forbidden = new Set(options.forbiddenResources ?? []);
    this.#continueTtlMs = options.continueTtlMs ?? 5 * 60_000;
    if (options.objects) {
      this.store.put(options.objects, options.defaultNamespace);
      this.store.addMissingNamespaces();
    }
    this.#scheme = options.tls ? 'https' : 'http';
    this.#server = createServer(options.tls, (req, res) =>
      this.#handle(req, res),
    );
  }

  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return this.#url;
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

  /** Injects a failure; several can be active, the first matching one applies. */
  fail(failure: LoopbackFailure): void {
    this.#failures.push({ ...failure });
  }

  /** Removes every injected failure. */
  heal(): void {
    this.#failures = [];
  }

  /** Expires every continue token handed out so far: their next use answers 410 Gone. */
  expireContinueTokens(): void {
    this.#continues.clear();
  }

  /** Stops listening and cuts open connections (hung requests included). */
  async stop(): Promise<void> {
    await new Promise<void>(resolve => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #listen(port: number, host: string) {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', error =>
        reject(listenError(this.name, host, port, error)),
      );
      this.#server.listen(port, host, () => resolve());
    });
    const address = this.#server.address() as AddressInfo;
    this.#url = `${this.#scheme}://${host}:${address.port}`;
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    this.#requestCount++;
    const url = new URL(req.url ?? '/', 'http://loopback');
    const entry: LoopbackRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    if (this.#requests.length >= MAX_LOG) this.#requests.shift();
    this.#requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    try {
      this.#respond(req, res, url, entry);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SelectorError)
        sendStatus(res, 400, 'BadRequest', message);
      else sendStatus(res, 500, 'InternalError', message);
    }
  }

  #respond(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    entry: LoopbackRequest,
  ) {
    if (url.pathname === '/version') {
      sendJson(res, 200, {
        major: '1',
        minor: '31',
        gitVersion: 'v1.31.0-loopback',
        platform: 'linux/amd64',
      });
      return;
    }
    const route = this.#route(url.pathname);
    const continueToken = url.searchParams.get('continue') ?? undefined;
    const failure = this.#takeFailure(route?.type.plural, continueToken);
    if (failure && this.#inject(failure, res, continueToken)) return;

    if (!this.#authenticate(req)) {
      sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    if (req.method !== 'GET') {
      sendStatus(res, 405, 'MethodNotAllowed', `${req.method} is not served`);
      return;
    }
    if (!route) {
      sendStatus(
        res,
        404,
        'NotFound',
        `the server could not find the requested resource (${entry.path})`,
      );
      return;
    }
    if (this.#forbidden.has(route.type.plural)) {
      sendStatus(
        res,
        403,
        'Forbidden',
        `${route.type.plural} is forbidden: User "system:serviceaccount:ratchet:reader" cannot list resource "${route.type.plural}"`,
      );
      return;
    }
    if (route.name !== undefined) {
      const object = this.store.get(route.type, route.name, route.namespace);
      if (object) sendJson(res, 200, object);
      else
        sendStatus(
          res,
          404,
          'NotFound',
          `${route.type.plural} "${route.name}" not found`,
        );
      return;
    }
    this.#list(res, route, url.searchParams);
  }

  #route(pathname: string): Route | undefined {
    const parts = pathname.split('/').filter(Boolean);
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 3) {
      [group, version, rest] = ['', parts[1], parts.slice(2)];
    } else if (parts[0] === 'apis' && parts.length >= 4) {
      [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
    } else return undefined;
    const registry = this.store.registry;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      const type = registry.byPath(group, version, rest[2]);
      if (!type?.namespaced || rest.length > 4) return undefined;
      return { type, namespace: rest[1], name: rest[3] };
    }
    const type = registry.byPath(group, version, rest[0]);
    if (!type || rest.length > 2) return undefined;
    return { type, name: rest[1] };
  }

  // Picks the first failure that applies to this request and counts down its `times`.
  #takeFailure(plural: string | undefined, continueToken: string | undefined) {
    const index = this.#failures.findIndex(f => {
      if (f.resource && f.resource !== plural) return false;
      if (f.type === 'expired') return continueToken !== undefined;
      if (f.type === 'partial') {
        const state = continueToken
          ? this.#continues.get(continueToken)
          : undefined;
        return state !== undefined && state.page >= f.afterPages;
      }
      return true;
    });
    if (index < 0) return undefined;
    const failure = this.#failures[index];
    if (failure.times !== undefined && --failure.times <= 0) {
      this.#failures.splice(index, 1);
    }
    return failure;
  }

  #inject(
    failure: LoopbackFailure,
    res: http.ServerResponse,
    continueToken: string | undefined,
  ): boolean {
    switch (failure.type) {
      case 'status':
        sendStatus(
          res,
          failure.status,
          reasonFor(failure.status),
          `injected failure ${failure.status}`,
        );
        return true;
      case 'partial':
        sendStatus(
          res,
          failure.status ?? 500,
          reasonFor(failure.status ?? 500),
          'injected failure after a partial list',
        );
        return true;
      case 'expired':
        if (continueToken) this.#continues.delete(continueToken);
        sendExpired(res);
        return true;
      case 'truncated': {
        // Headers and half a body, then the connection is cut: the client sees a broken JSON document.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(
          '{"kind":"List","apiVersion":"v1","metadata":{},"items":[{"metadata":',
        );
        res.socket?.destroy();
        return true;
      }
      default:
        // hang: never answer; stop() or the client's timeout ends the request.
        return true;
    }
  }

  #list(res: http.ServerResponse, route: Route, params: URLSearchParams) {
    this.#expireOldContinues();
    const labelSelector = params.get('labelSelector') ?? '';
    const fieldSelector = params.get('fieldSelector') ?? '';
    const query = `${route.type.plural}|${
      route.namespace ?? ''
    }|${labelSelector}|${fieldSelector}`;
    const continueToken = params.get('continue');
    let state: ContinueState;
    if (continueToken) {
      const found = this.#continues.get(continueToken);
      if (!found) {
        sendExpired(res);
        return;
      }
      if (found.query !== query) {
        sendStatus(
          res,
          400,
          'BadRequest',
          'continue token does not match the list parameters',
        );
        return;
      }
      state = found;
    } else {
      const labels = parseLabelSelector(labelSelector);
      const fields = parseFieldSelector(fieldSelector);
      const snapshot = this.store
        .list(route.type)
        .filter(
          o =>
            (!route.namespace || o.metadata.namespace === route.namespace) &&
            matchesLabels(labels, o.metadata.labels) &&
            matchesFields(fields, o.metadata),
        );
      state = { snapshot, offset: 0, page: 0, query, createdAt: Date.now() };
    }
    const limit = Number(params.get('limit') ?? 0);
    const end =
      limit > 0
        ? Math.min(state.offset + limit, state.snapshot.length)
        : state.snapshot.length;
    const items = state.snapshot.slice(state.offset, end);
    const metadata: Record<string, unknown> = {
      resourceVersion: this.store.resourceVersion,
    };
    if (end < state.snapshot.length) {
      const token = randomBytes(12).toString('base64url');
      this.#continues.set(token, {
        ...state,
        offset: end,
        page: state.page + 1,
      });
      metadata.continue = token;
      metadata.remainingItemCount = state.snapshot.length - end;
    }
    sendJson(res, 200, {
      kind: `${route.type.kind}List`,
      apiVersion: groupVersion(route.type),
      metadata,
      items,
    });
  }

  #expireOldContinues() {
    const oldest = Date.now() - this.#continueTtlMs;
    for (const [token, state] of this.#continues) {
      if (state.createdAt < oldest) this.#continues.delete(token);
    }
  }
}
