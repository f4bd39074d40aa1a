import {
  APIRequestContext,
  Browser,
  expect,
  Page,
  test,
} from '@playwright/test';
import path from 'node:path';

/*
 * Operational readiness in the demo portal, with the two demo users in two browser contexts: Priya (payments,
 * owner of fx-rates, the guest provider) answers the green-light items and requests the review; Dmitri
 * (platform, the checklist's reviewers, the demo-reviewer provider) vetoes with a reason; Priya fixes the
 * item; Dmitri lifts the veto and approves; the CI gate flips from fail to pass; the audit trail shows each
 * step. The gate is asked like a deploy pipeline would, with the demo's static external-access token.
 */

const screenshots = path.resolve(__dirname, '..', 'artifacts', 'screenshots');
const BACKEND = process.env.RATCHET_BACKEND_URL ?? 'http://localhost:7007';
const CI = {
  Authorization: `Bearer ${
    process.env.RATCHET_CI_TOKEN ?? 'ratchet-demo-ci-token'
  }`,
};
const ENTITY = 'component:default/fx-rates';
const TAB = '/catalog/default/component/fx-rates/readiness';
const HA_PLAN = /How do you plan to implement HA\?/;

test.use({ viewport: { width: 1400, height: 2200 } });

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshots, `readiness-${name}.png`),
    fullPage: true,
  });
}

async function signIn(browser: Browser, button: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: button, exact: true }).click();
  // The first visit waits for the frontend bundle.
  await expect(page.getByText('Ratchet Demo Co Catalog')).toBeVisible({
    timeout: 120_000,
  });
  return page;
}

async function gate(request: APIRequestContext) {
  const response = await request.get(
    `${BACKEND}/api/maturity/readiness/gate?entity=${encodeURIComponent(
      ENTITY,
    )}&phase=green-light`,
    { headers: CI },
  );
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as {
    pass: boolean;
    reasons: string[];
    signOff: string;
  };
}

/** The item rows of the tab (each a list item named by its prompt). */
function greenLightOpen(page: Page) {
  return page
    .getByRole('listitem')
    .filter({ hasText: 'Required for Green light' })
    .filter({ has: page.getByRole('button', { name: 'Answer', exact: true }) });
}

async function answer(
  page: Page,
  row: ReturnType<Page['getByRole']>,
  evidence: string,
) {
  await row.getByRole('button', { name: /^(Answer|Edit)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Yes', { exact: true }).check();
  await dialog.getByLabel(/Evidence links/).fill(evidence);
  await dialog.getByRole('button', { name: 'Save answer' }).click();
  await expect(dialog).toBeHidden();
}

async function reviewAction(page: Page, action: string, reason: string) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('readiness: answer, request review, veto, fix, approve, gate passes, audit trail', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  // The demo seeds readiness once the catalog holds the checklist; wait for fx-rates' record.
  await expect(async () => {
    const response = await request.get(
      `${BACKEND}/api/maturity/readiness/gate?entity=${encodeURIComponent(
        ENTITY,
      )}&phase=green-light`,
      { headers: CI },
    );
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 120_000 });
  const before = await gate(request);
  expect(before.pass).toBe(false);

  // The owner answers every open green-light item.
  const owner = await signIn(browser, 'Enter');
  await owner.goto(TAB);
  await expect(owner.getByText('Next: Green light')).toBeVisible();
  await shot(owner, '1-owner-before');
  const open = greenLightOpen(owner);
  await expect(open.first()).toBeVisible();
  for (let left = await open.count(); left > 0; left = await open.count()) {
    await answer(
      owner,
      open.first(),
      'https://wiki.ratchet.example/fx-rates/green-light',
    );
  }
  await expect(
    owner
      .getByText('Nothing blocks it.')
      .or(owner.getByText(/approved review/)),
  ).toBeVisible();

  // ... and requests the green-light review.
  await owner
    .getByRole('button', { name: 'Request Green light review' })
    .click();
  await owner
    .getByLabel('Note for the reviewers')
    .fill('fx-rates is on the Q1 plan');
  await owner
    .getByRole('button', { name: 'Request review', exact: true })
    .click();
  await expect(
    owner.getByText('Green light review', { exact: true }),
  ).toBeVisible();
  await shot(owner, '2-owner-review-requested');

  // The reviewer finds it in the queue and vetoes with a reason.
  const reviewer = await signIn(browser, 'Sign in as the reviewer');
  await reviewer.goto('/readiness/reviews');
  const queued = reviewer.getByRole('row').filter({ hasText: 'fx-rates' });
  await expect(queued).toBeVisible();
  await shot(reviewer, '3-reviewer-queue');
  await queued.getByRole('link', { name: 'Review' }).click();
  await expect(
    reviewer.getByText('Green light review', { exact: true }),
  ).toBeVisible();
  await reviewAction(reviewer, 'Veto', 'The HA plan is a single zone');
  await expect(
    reviewer.getByText(
      /Vetoed by dmitri\.volkov: The HA plan is a single zone/,
    ),
  ).toBeVisible();
  await shot(reviewer, '4-reviewer-vetoed');
  expect((await gate(request)).pass).toBe(false);

  // The owner fixes the item the veto names.
  await owner.reload();
  await expect(owner.getByText(/Vetoed by dmitri\.volkov/)).toBeVisible();
  const haPlan = owner
    .getByRole('listitem')
    .filter({ hasText: HA_PLAN })
    .first();
  await answer(
    owner,
    haPlan,
    'https://wiki.ratchet.example/fx-rates/ha-two-zones',
  );
  await expect(
    haPlan.getByText('https://wiki.ratchet.example/fx-rates/ha-two-zones'),
  ).toBeVisible();
  await shot(owner, '5-owner-fixed');

  // The reviewer lifts the veto and approves.
  await reviewer.reload();
  await reviewAction(
    reviewer,
    'Lift veto',
    'Two zones now, see the new evidence',
  );
  await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
  await reviewer
    .getByRole('dialog')
    .getByRole('button', { name: 'Approve', exact: true })
    .click();
  await expect(
    reviewer.getByText('Approved', { exact: true }).first(),
  ).toBeVisible();
  await shot(reviewer, '6-reviewer-approved');

  // The gate flips to pass; the owner enters green-light.
  await expect(async () =>
    expect((await gate(request)).pass).toBe(true),
  ).toPass({ timeout: 10_000 });
  await owner.reload();
  await owner.getByRole('button', { name: 'Enter Green light' }).click();
  await expect(owner.getByText('Next: Ready for production')).toBeVisible();

  // The audit trail shows each step.
  const audit = owner
    .getByRole('table')
    .filter({ hasText: 'Review requested' });
  for (const step of [
    'Answered',
    'Review requested',
    'Review vetoed',
    'Veto lifted',
    'Review approved',
    'Phase changed',
  ]) {
    await expect(audit.getByText(step, { exact: true }).first()).toBeVisible();
  }
  await shot(owner, '7-owner-audit');
});
