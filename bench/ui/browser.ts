/*
 * Drives the system Chromium (never a downloaded one) through the maturity pages and times each
 * navigation to "interactive" (see interactive.ts), recording every API response it caused.
 */
import { Browser, chromium, Page, Response } from '@playwright/test';
import path from 'node:path';
import {
  armClickClock,
  countEntities,
  installBenchState,
  QUIET_MS,
  Settled,
  settledPredicate,
  Target,
} from './interactive';

/** Chromium flags of the browser tests (e2e/playwright.config.ts). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MAX_FAILURES_IN_A_ROW = 4;

/** One API response a navigation caused. */
export interface ResponseInfo {
  url: string;
  status: number;
  bytes: number;
  entities: number;
}

/** One timed navigation. */
export interface Measurement {
  page: string;
  mode: 'full load' | 'in-app';
  round: number;
  /** Milliseconds from navigation start; undefined when the page never settled. */
  interactiveMs?: number;
  contentMs?: number;
  error?: string;
  responses: ResponseInfo[];
}

export interface Session {
  browser: Browser;
  page: Page;
  measurements: Measurement[];
  /** Navigations in a row that never settled; a few mean the setup is broken, not the pages slow. */
  failuresInARow: number;
  /** Where a navigation that never settles leaves its screenshot. */
  artifactsDir: string;
  close(): Promise<void>;
}

export async function openSession(options: {
  baseUrl: string;
  executablePath: string;
  artifactsDir: string;
}): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    viewport: { width: 1400, height: 1000 },
  });
  await context.addInitScript(installBenchState);
  const page = await context.newPage();
  return {
    browser,
    page,
    measurements: [],
    failuresInARow: 0,
    artifactsDir: options.artifactsDir,
    close: () => browser.close(),
  };
}

/** Guest sign-in, as the browser tests do it; the app then signs in again by itself on each load. */
export async function signInAsGuest(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click();
  // The sign-in page has the same URL as the page behind it: only the app's sidebar shows that the
  // session (and its refresh cookie, which later loads sign in with) exists.
  await page.getByTestId('sidebar-root').waitFor({ state: 'attached' });
}

/** Collects the API responses of whatever navigation is current. */
class ResponseLog {
  #current: ResponseInfo[] = [];
  #pending: Promise<void>[] = [];

  constructor(page: Page) {
    page.on('response', response => this.#pending.push(this.#record(response)));
  }

  async #record(response: Response): Promise<void> {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const target = this.#current;
    let bytes = 0;
    let entities = 0;
    try {
      const body = await response.body();
      bytes = body.length;
      if ((response.headers()['content-type'] ?? '').includes('json'))
        entities = countEntities(JSON.parse(body.toString('utf8')));
    } catch {
      // A body the browser dropped (navigated away) is not counted.
    }
    target.push({
      url: `${url.pathname}${url.search}`,
      status: response.status(),
      bytes,
      entities,
    });
  }

  /** Starts a new navigation's list. */
  begin(): ResponseInfo[] {
    this.#current = [];
    return this.#current;
  }

  /** Waits for the bodies of every response seen so far. */
  async flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    await Promise.all(pending);
  }
}

const logs = new WeakMap<Page, ResponseLog>();

function logOf(page: Page): ResponseLog {
  let log = logs.get(page);
  if (!log) {
    log = new ResponseLog(page);
    logs.set(page, log);
  }
  return log;
}

async function waitSettled(
  page: Page,
  target: Omit<Target, 'quietMs'>,
  timeoutMs: number,
): Promise<Settled> {
  const handle = await page.waitForFunction(
    settledPredicate,
    { ...target, quietMs: QUIET_MS },
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as Settled;
}

/**
 * Times one navigation: a full page load of `url`, or, with `click`, an in-app navigation started by
 * clicking what `click` returns on the current page.
 */
export async function measure(
  session: Session,
  options: {
    page: string;
    round: number;
    target: Omit<Target, 'quietMs'>;
    url?: string;
    click?: (page: Page) => Promise<void>;
    timeoutMs?: number;
  },
): Promise<Measurement> {
  const { page } = session;
  const log = logOf(page);
  await log.flush();
  const responses = log.begin();
  const measurement: Measurement = {
    page: options.page,
    mode: options.click ? 'in-app' : 'full load',
    round: options.round,
    responses,
  };
  try {
    if (options.click) {
      await page.evaluate(armClickClock);
      await options.click(page);
    } else if (options.url) {
      // The timing comes from the page's own clock, which starts at the navigation, so waiting for
      // DOMContentLoaded costs nothing; at 'commit' the wait below could still bind to the old document.
      await page.goto(options.url, { waitUntil: 'domcontentloaded' });
    }
    const settled = await waitSettled(
      page,
      options.target,
      options.timeoutMs ?? 30_000,
    );
    measurement.interactiveMs = settled.interactiveAt - settled.navStart;
    measurement.contentMs = settled.contentAt - settled.navStart;
  } catch (error) {
    const shot = path.join(
      session.artifactsDir,
      `failed-${options.page.replace(/\W+/g, '-')}-${measurement.mode.replace(
        ' ',
        '-',
      )}-${options.round}.png`,
    );
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    measurement.error = `${
      (error as Error).message.split('\n')[0]
    } (at ${page.url()}; screenshot ${shot})`;
  }
  await log.flush();
  session.measurements.push(measurement);
  session.failuresInARow = measurement.error ? session.failuresInARow + 1 : 0;
  console.log(
    `  ${measurement.mode.padEnd(9)} ${options.page.padEnd(19)} round ${
      options.round
    }: ${
      measurement.error ??
      `${Math.round(measurement.interactiveMs ?? 0)} ms (content ${Math.round(
        measurement.contentMs ?? 0,
      )} ms), ${responses.length} API responses`
    }`,
  );
  if (session.failuresInARow >= MAX_FAILURES_IN_A_ROW)
    throw new Error(
      `${MAX_FAILURES_IN_A_ROW} navigations in a row never became interactive; see the screenshots`,
    );
  return measurement;
}
