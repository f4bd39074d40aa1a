/*
 * What "interactive" means in the UI benchmark, evaluated inside the page on every animation frame:
 *
 *   1. the browser is on the expected route,
 *   2. the page's main content is rendered: every marker (a CSS selector) matches a visible element, and
 *      the h1 reads as expected where one is given,
 *   3. nothing is loading: no Backstage <Progress> (it renders a hidden placeholder with the same test id
 *      before it shows), no progress bar or spinner (role="progressbar", material-table's loading overlay),
 *      and no fetch in flight,
 *
 * and 1–3 then stay true for QUIET_MS, so that a request the page sends only after rendering its first
 * answer (a waterfall) is not missed. The reported time is when they first became true, not the end of
 * the quiet window. "Content" is when 1–2 first held, spinners or not.
 */

/** How long the page must stay settled before it counts as interactive. */
export const QUIET_MS = 150;

/** Per-document state the init script creates; in-app navigations reset it. */
export interface BenchState {
  inflight: number;
  /** When the measured navigation started (ms since the document's time origin). */
  navStart: number;
  contentAt?: number;
  idleSince?: number;
}

export type BenchWindow = Window & { __ratchetBench?: BenchState };

/** What the page must show to count as interactive. */
export interface Target {
  /** The expected location.pathname, a regular expression source; case-insensitive, as entity names are. */
  path: string;
  markers: string[];
  heading?: string;
  quietMs: number;
}

/** Milliseconds since the document's time origin. */
export interface Settled {
  navStart: number;
  contentAt: number;
  interactiveAt: number;
}

/**
 * Runs before the app's own scripts in every document: counts fetches in flight (the app's API clients
 * all use fetch) and keeps the timing state. The state starts at the document's navigation (0).
 */
export function installBenchState(): void {
  const w = window as BenchWindow;
  const state: BenchState = { inflight: 0, navStart: 0 };
  w.__ratchetBench = state;
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    state.inflight += 1;
    return original(input, init).finally(() => {
      state.inflight -= 1;
    });
  };
}

/**
 * Starts an in-app navigation's clock at the next click (its event time, before the router reacts) and
 * forgets the previous page's readings.
 */
export function armClickClock(): void {
  const state = (window as BenchWindow).__ratchetBench;
  if (!state)
    throw new Error('bench state missing: the init script did not run');
  state.contentAt = undefined;
  state.idleSince = undefined;
  state.navStart = performance.now();
  document.addEventListener(
    'click',
    event => {
      state.navStart = event.timeStamp;
    },
    { capture: true, once: true },
  );
}

/** The predicate polled on every frame (see the top of this file); returns the times once settled. */
export function settledPredicate(target: Target): Settled | false {
  const state = (window as BenchWindow).__ratchetBench;
  if (!state) return false;
  const now = performance.now();
  const isVisible = (selector: string) =>
    Array.from(document.querySelectorAll(selector)).some(
      element => element.getClientRects().length > 0,
    );
  const heading = document.querySelector('h1')?.textContent?.trim();
  const content =
    new RegExp(target.path, 'i').test(window.location.pathname) &&
    target.markers.every(isVisible) &&
    (target.heading === undefined || heading === target.heading);
  if (content && state.contentAt === undefined) state.contentAt = now;
  const loading =
    state.inflight > 0 ||
    document.querySelector('[data-testid="progress"], [role="progressbar"]') !==
      null;
  if (!content || loading) {
    state.idleSince = undefined;
    return false;
  }
  if (state.idleSince === undefined) state.idleSince = now;
  if (now - state.idleSince < target.quietMs) return false;
  return {
    navStart: state.navStart,
    contentAt: state.contentAt ?? now,
    interactiveAt: state.idleSince,
  };
}

/** The number of distinct entities in a JSON response (entity objects and objects with an entityRef). */
export function countEntities(json: unknown): number {
  const refs = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const metadata = record.metadata as Record<string, unknown> | undefined;
    if (typeof record.entityRef === 'string') {
      refs.add(record.entityRef.toLocaleLowerCase('en-US'));
    } else if (
      typeof record.kind === 'string' &&
      metadata &&
      typeof metadata === 'object' &&
      typeof metadata.name === 'string'
    ) {
      const namespace =
        typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
      refs.add(
        `${record.kind}:${namespace}/${metadata.name}`.toLocaleLowerCase(
          'en-US',
        ),
      );
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(json);
  return refs.size;
}
