import { APIRequestContext, expect, Page, test } from '@playwright/test';
import path from 'node:path';
import { pushPipeline } from '../support/demoCi';

/*
 * Campaigns in the demo portal: the campaigns page, the Poetry campaign with its per-team progress and
 * burn-up, and a target fixed by a fact pushed like CI does (POST /api/maturity/facts with the demo's
 * static token, app-config.yaml backend.auth.externalAccess), which moves the campaign's progress, its
 * burn-up and the target's own Campaigns tab.
 */

const screenshots = path.resolve(__dirname, '..', 'artifacts', 'screenshots');
const BACKEND = process.env.RATCHET_BACKEND_URL ?? 'http://localhost:7007';
const CI_TOKEN = process.env.RATCHET_CI_TOKEN ?? 'ratchet-demo-ci-token';
const CI = { Authorization: `Bearer ${CI_TOKEN}` };

const POETRY = 'Move Python services from pip to Poetry';
const HEADERS = '/campaigns/default/http-header-propagation';
const HEADERS_TITLE = 'Propagate request headers through every service';

test.use({ viewport: { width: 1400, height: 2200 } });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Ratchet Demo Co Catalog')).toBeVisible();
}

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshots, `campaigns-${name}.png`),
    fullPage: true,
  });
}

interface Progress {
  targets: number;
  passing: number;
  exempt: number;
}

interface Target {
  entityRef: string;
  title?: string;
  failingChecks: Array<{ checkId: string }>;
}

async function api<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(`${BACKEND}/api/maturity${url}`, {
    headers: CI,
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()) as T;
}

const done = (p: Progress) => p.passing + p.exempt;

/** The value of the last row of the burn-up's data table (the live point of today). */
function lastBurnUpDone(page: Page) {
  return page
    .locator('table', {
      has: page.locator('caption', { hasText: 'Campaign burn-up' }),
    })
    .locator('tbody tr')
    .filter({ hasNotText: /––/ })
    .last()
    .locator('td')
    .first();
}

test('the campaigns page and the Poetry campaign: per-team progress, burn-up, what to do', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Campaigns' }).first().click();
  await expect(
    page.getByRole('heading', { name: 'Campaigns' }).first(),
  ).toBeVisible();
  await expect(page.getByText(/^Active \(\d+\)$/)).toBeVisible();
  const poetry = page.getByRole('link', { name: POETRY });
  await expect(poetry).toBeVisible();
  await expect(
    page.getByRole('progressbar', {
      name: new RegExp(`^Progress of ${POETRY}: \\d+ of \\d+ done$`),
    }),
  ).toBeVisible();
  await shot(page, 'list');

  await poetry.click();
  await expect(page).toHaveURL(/\/campaigns\/default\/pip-to-poetry$/);
  await expect(page.getByRole('heading', { name: 'Why' })).toBeVisible();
  await expect(page.getByText('Progress per team')).toBeVisible();
  // Every owner group of the targets gets its own bar; the demo's Python services span several teams.
  const teams = page.getByRole('progressbar', { name: /^Progress of group:/ });
  await expect(teams.first()).toBeVisible();
  expect(await teams.count()).toBeGreaterThan(1);
  await expect(
    page.getByRole('img', { name: 'Campaign burn-up' }),
  ).toBeVisible();
  await expect(page.getByText(/^Failing targets \(\d+/)).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Export targets (CSV)' }),
  ).toBeVisible();
  await shot(page, 'poetry');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export targets (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe(
    'pip-to-poetry-targets.csv',
  );
});

test('a pushed fact fixes a target: its checks, the campaign progress and the burn-up move', async ({
  page,
  request,
}, testInfo) => {
  // Three pushes each followed by an evaluation, plus three page loads of a busy demo.
  test.setTimeout(240_000);
  // Header propagation has one check on a pushed fact (the trace-id ratio CI pushes); the other reads the
  // repository. A target failing only the pushed check is fixed outright; otherwise one check is fixed.
  const failing = await api<{ items: Target[] }>(
    request,
    `${HEADERS}/targets?state=failing&limit=500`,
  );
  const candidates = failing.items.filter(t =>
    t.failingChecks.some(c => c.checkId === 'trace-id-in-logs'),
  );
  expect(
    candidates.length,
    'a target failing trace-id-in-logs',
  ).toBeGreaterThan(0);
  const whole = candidates.find(t =>
    t.failingChecks.every(c => c.checkId === 'trace-id-in-logs'),
  );
  const target = whole ?? candidates[0];
  if (!whole) {
    testInfo.annotations.push({
      type: 'demo data',
      description:
        'every header-propagation target also fails propagates-headers (a repository fact), so the push fixes one check and the progress cannot move',
    });
  }
  const { entityRef } = target;
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const before = (await api<{ progress: Progress }>(request, HEADERS)).progress;

  await signInAsGuest(page);
  await page.goto(HEADERS);
  const progressBar = (p: Progress) =>
    page.getByRole('progressbar', {
      name: `Campaign progress: ${done(p)} of ${p.targets} done`,
    });
  await expect(progressBar(before)).toBeVisible();
  await expect(lastBurnUpDone(page)).toHaveText(String(done(before)));
  await shot(page, 'headers-before');

  // The demo CI job pushes its own (drifting) ratio every 3 minutes: push again before each look.
  const fix = async () => {
    // The whole pipeline document with the fixed ratio: a push replaces the entity's pushed facts.
    await pushPipeline(request, entityRef, { traceContextRatio: 0.999 });
    // The evaluation the push triggers updates the target and the precomputed progress.
    await expect
      .poll(async () => {
        const list = await api<{
          items: Array<{ ref: string; target: Target }>;
        }>(request, `/entities/${kind}/${namespace}/${name}/campaigns`);
        const mine = list.items.find(c =>
          c.ref.endsWith('/http-header-propagation'),
        );
        return mine?.target.failingChecks.map(c => c.checkId);
      })
      .not.toContain('trace-id-in-logs');
  };
  await fix();
  const after = whole ? { ...before, passing: before.passing + 1 } : before;
  await expect
    .poll(async () =>
      done((await api<{ progress: Progress }>(request, HEADERS)).progress),
    )
    .toBe(done(after));

  await fix();
  await page.reload();
  await expect(progressBar(after)).toBeVisible();
  await expect(lastBurnUpDone(page)).toHaveText(String(done(after)));
  await shot(page, 'headers-after');

  // The target's own Campaigns tab: the trace-id check no longer asks for anything.
  await fix();
  await page.goto(`/catalog/${namespace}/${kind}/${name}/campaigns`);
  const card = page.locator('[class*="MuiCard-root"]', {
    has: page.getByRole('link', { name: HEADERS_TITLE }),
  });
  await expect(
    card.getByText('Logs the trace id for at least 99 % of requests'),
  ).toBeVisible();
  await expect(
    card.getByText(/requests in the last 24 h were logged/),
  ).toHaveCount(0);
  if (whole)
    await expect(card.getByText(/^Passing: Done since /)).toBeVisible();
  await shot(page, 'entity-tab');
});
