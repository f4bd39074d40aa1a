import {
  APIRequestContext,
  expect,
  Locator,
  Page,
  test,
  TestInfo,
} from '@playwright/test';
import path from 'node:path';

/*
 * Ratchet's maturity UI in the demo portal: the entity Maturity tab, pushing a fact and re-evaluating,
 * the scorecards page and its heatmap, a check page, the Group team view, and exemptions requested and
 * approved by two different people. Facts and decisions from "CI" go through the backend API with the
 * demo's static external-access token (app-config.yaml, backend.auth.externalAccess).
 */

const screenshots = path.resolve(__dirname, '..', 'artifacts', 'screenshots');
const BACKEND = process.env.RATCHET_BACKEND_URL ?? 'http://localhost:7007';
const CI_TOKEN = process.env.RATCHET_CI_TOKEN ?? 'ratchet-demo-ci-token';
const CI = { Authorization: `Bearer ${CI_TOKEN}` };

/**
 * Exemption decisions are for people, not the CI token (a service principal gets 403): the demo's second
 * user, Dmitri (the `demo-reviewer` sign-in), decides them through the API.
 */
async function reviewer(request: APIRequestContext) {
  const response = await request.get(
    `${BACKEND}/api/auth/demo-reviewer/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.ok(), await response.text()).toBeTruthy();
  const { backstageIdentity } = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return { Authorization: `Bearer ${backstageIdentity.token}` };
}
const TEAMS = ['payments', 'ledger', 'identity', 'growth', 'platform', 'data'];

// Tall pages: the whole report fits in one screenshot.
test.use({ viewport: { width: 1400, height: 2200 } });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Ratchet Demo Co Catalog')).toBeVisible();
}

/** Navigates and waits until `ready` is visible; records the time as a test annotation. */
async function timedGoto(
  page: Page,
  testInfo: TestInfo,
  url: string,
  ready: Locator,
) {
  const start = Date.now();
  await page.goto(url);
  await expect(ready).toBeVisible();
  const ms = Date.now() - start;
  testInfo.annotations.push({
    type: 'timing',
    description: `${url}: ${ms} ms to interactive`,
  });
  // eslint-disable-next-line no-console
  console.log(`timing ${url}: ${ms} ms`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshots, `maturity-${name}.png`),
    fullPage: true,
  });
}

async function pushFacts(
  request: APIRequestContext,
  entityRef: string,
  facts: object,
) {
  const response = await request.post(`${BACKEND}/api/maturity/facts`, {
    headers: CI,
    data: { items: [{ entityRef, source: 'pushed', facts }] },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Revokes open exemptions of an entity, so that a retried test starts from the sample state. */
async function clearExemptions(request: APIRequestContext, entityRef: string) {
  const response = await request.get(
    `${BACKEND}/api/maturity/exemptions?entityRef=${encodeURIComponent(
      entityRef,
    )}`,
    { headers: CI },
  );
  expect(response.ok(), await response.text()).toBeTruthy();
  const { items } = (await response.json()) as {
    items: Array<{ id: string; status: string; active: boolean }>;
  };
  const headers = await reviewer(request);
  for (const e of items.filter(x => x.status === 'requested' || x.active)) {
    const revoked = await request.post(
      `${BACKEND}/api/maturity/exemptions/${e.id}/revoke`,
      { headers, data: {} },
    );
    expect(revoked.ok(), await revoked.text()).toBeTruthy();
  }
}

/** The catalog keeps ingesting (and the engine evaluating) for a while after start. */
async function waitForResults(request: APIRequestContext) {
  await expect(async () => {
    const response = await request.get(
      `${BACKEND}/api/maturity/entities/api/default/payments-api`,
      { headers: CI },
    );
    expect(response.ok()).toBeTruthy();
    const body = (await response.json()) as {
      scorecards: Array<{ evaluated: boolean }>;
    };
    expect(body.scorecards.some(s => s.evaluated)).toBeTruthy();
  }).toPass({ timeout: 90_000 });
}

function standing(page: Page, scorecard: string) {
  return page.getByRole('group', { name: `${scorecard} standing` });
}

test.describe('maturity', () => {
  test.beforeEach(async ({ page, request }) => {
    await waitForResults(request);
    await signInAsGuest(page);
  });

  test('the Maturity tab shows the level and what to fix; a pushed fact and a re-evaluation raise it', async ({
    page,
    request,
  }, testInfo) => {
    // A service: its level and the checks in the way of the next one, with their remediation. (Which
    // checks those are depends on the fact sources the demo runs; the API below is deterministic.)
    await timedGoto(
      page,
      testInfo,
      '/catalog/default/component/payment-gateway/maturity',
      page.getByText(/^To reach /),
    );
    await expect(
      standing(page, 'Service Maturity').getByLabel(/^Level: /),
    ).toBeVisible();
    await expect(page.getByText('How to fix').first()).toBeVisible();
    await shot(page, 'entity-service');

    // An API: CI reports 3 lint errors, so "Definition passes the linter" fails and it stays Bronze.
    const api = 'api:default/payments-api';
    await pushFacts(request, api, { ci: { apiLint: { errors: 3 } } });
    await timedGoto(
      page,
      testInfo,
      '/catalog/default/api/payments-api/maturity',
      standing(page, 'API Maturity'),
    );
    await page.getByRole('button', { name: /Re-evaluate now/ }).click();
    await expect(
      standing(page, 'API Maturity').getByLabel('Level: Bronze'),
    ).toBeVisible();
    await expect(page.getByText('To reach Silver')).toBeVisible();
    const check = page.getByRole('heading', {
      name: 'Definition passes the linter',
      level: 3,
    });
    await expect(check).toBeVisible();
    await expect(
      page
        .getByText(
          '3 lint errors in the definition, or CI does not report them.',
        )
        .first(),
    ).toBeVisible();
    await shot(page, 'entity-api-bronze');

    // CI fixes the definition and pushes 0 errors; re-evaluating makes it Silver.
    await pushFacts(request, api, { ci: { apiLint: { errors: 0 } } });
    await page.getByRole('button', { name: /Re-evaluate now/ }).click();
    await expect(
      standing(page, 'API Maturity').getByLabel('Level: Silver'),
    ).toBeVisible();
    await expect(page.getByText('Highest level reached')).toBeVisible();
    await shot(page, 'entity-api-silver');

    // The overview card links to the tab.
    await page.goto('/catalog/default/api/payments-api');
    await expect(
      page.getByRole('link', { name: /View maturity/ }),
    ).toBeVisible();
    await shot(page, 'entity-card');

    // In-app navigation from the overview to the tab.
    const start = Date.now();
    await page.getByRole('tab', { name: 'Maturity' }).click();
    await expect(
      standing(page, 'API Maturity').getByLabel('Level: Silver'),
    ).toBeVisible();
    const tabMs = Date.now() - start;
    testInfo.annotations.push({
      type: 'timing',
      description: `payments-api Overview → Maturity tab (in-app navigation): ${tabMs} ms to interactive`,
    });
    // eslint-disable-next-line no-console
    console.log(`timing overview → Maturity tab (in-app): ${tabMs} ms`);
  });

  test('the scorecards page lists the scorecards and the heatmap lists every sample team', async ({
    page,
  }, testInfo) => {
    await timedGoto(
      page,
      testInfo,
      '/maturity',
      page.getByRole('link', { name: 'Service Maturity' }),
    );
    await expect(
      page.getByRole('link', { name: 'API Maturity' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Team Health' })).toBeVisible();
    await shot(page, 'scorecards');

    const heatmap = page.getByRole('table', {
      name: /Share of passing results per owner group/,
    });
    const start = Date.now();
    await page.getByRole('link', { name: 'Service Maturity' }).click();
    await expect(heatmap).toBeVisible();
    const reportMs = Date.now() - start;
    testInfo.annotations.push({
      type: 'timing',
      description: `/maturity → Service Maturity report (in-app navigation): ${reportMs} ms to interactive`,
    });
    // eslint-disable-next-line no-console
    console.log(`timing /maturity → report (in-app): ${reportMs} ms`);
    for (const team of TEAMS) {
      await expect(
        heatmap.getByRole('rowheader', { name: new RegExp(team, 'i') }),
      ).toBeVisible();
    }
    await expect(
      heatmap.getByLabel(/^Payments, Ownership: \d+ % passing/i),
    ).toBeVisible();
    // One page of entities, server-paginated.
    await expect(
      page.getByText(/1-10 of \d+/).filter({ visible: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('img', { name: /over the last 30 days/ }),
    ).toBeVisible();
    await shot(page, 'scorecard-report');

    // Filter by owner: the heatmap narrows to that team.
    await page.getByLabel('Owner', { exact: true }).click();
    await page.getByRole('option', { name: /payments/i }).click();
    await expect(page).toHaveURL(/owner=group%3Adefault%2Fpayments/);
    await expect(heatmap.getByRole('rowheader')).toHaveCount(1);

    // A check page: rule, pass rate and the entities failing it.
    await page.getByRole('link', { name: 'Publishes TechDocs' }).click();
    await expect(
      page.getByRole('heading', { name: 'Publishes TechDocs', level: 1 }),
    ).toBeVisible();
    await expect(page.getByLabel('Rule')).toContainText('catalog.hasDocs');
    await expect(
      page.getByRole('img', { name: /Pass rate over the last 30 days/ }),
    ).toBeVisible();
    // The entity list opens on a status that has entities (never an empty "Fail" when all are errors).
    await expect(page.getByText(/^Entities: /)).toBeVisible();
    await expect(page.getByText('No records to display')).toHaveCount(0);
    await shot(page, 'check');
  });

  test('the team view lists the team’s entities and the checks failing most often', async ({
    page,
  }, testInfo) => {
    await timedGoto(
      page,
      testInfo,
      '/catalog/default/group/payments/team-maturity',
      page.getByText('Checks failing most often in the team'),
    );
    // The scorecard rating most of the team's entities comes first.
    await expect(
      page.getByRole('tab', { name: 'Service Maturity', selected: true }),
    ).toBeVisible();
    await expect(page.getByText(/The team's entities/)).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Payment Gateway' }),
    ).toBeVisible();
    await shot(page, 'team');
  });

  test('an exemption requested by one person and approved by another is counted', async ({
    page,
    request,
  }) => {
    // 1. The guest requests an exemption in the UI; Dmitri (someone else) approves it through the API.
    const team = 'group:default/payments';
    await clearExemptions(request, team);
    await page.goto('/catalog/default/group/payments/maturity');
    await expect(
      standing(page, 'Team Health').getByLabel('Level: Basic'),
    ).toBeVisible();
    await page
      .getByRole('button', { name: 'Request exemption' })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Check')).toContainText(
      'Owns no deprecated components',
    );
    await dialog
      .getByLabel('Reason')
      .fill('chargeback-processor is being retired this quarter');
    await dialog.getByRole('button', { name: 'Request' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText('0 active · 1 awaiting a decision'),
    ).toBeVisible();
    // Nobody approves their own request.
    await expect(page.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await shot(page, 'exemption-requested');

    const listed = await request.get(
      `${BACKEND}/api/maturity/exemptions?entityRef=${encodeURIComponent(
        team,
      )}&status=requested`,
      { headers: CI },
    );
    const [requested] = (
      (await listed.json()) as { items: Array<{ id: string }> }
    ).items;
    const approved = await request.post(
      `${BACKEND}/api/maturity/exemptions/${requested.id}/approve`,
      {
        headers: await reviewer(request),
        data: { comment: 'Agreed in the platform review' },
      },
    );
    expect(approved.ok(), await approved.text()).toBeTruthy();

    await page.reload();
    await expect(
      standing(page, 'Team Health').getByLabel('Level: Healthy'),
    ).toBeVisible();
    await expect(standing(page, 'Team Health')).toContainText('1 exempt');
    await expect(
      page.getByText('1 active · 0 awaiting a decision'),
    ).toBeVisible();
    await shot(page, 'exemption-approved');

    // 2. CI requests an exemption through the API; the guest approves it in the UI.
    const grpc = 'api:default/ledger-grpc';
    await clearExemptions(request, grpc);
    const created = await request.post(`${BACKEND}/api/maturity/exemptions`, {
      headers: CI,
      data: {
        entityRef: grpc,
        definitionRef: 'scorecard:default/api-maturity',
        checkId: 'definition-linted',
        reason: 'buf lint runs in the protobuf repository, not here',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto('/catalog/default/api/ledger-grpc/maturity');
    await expect(
      standing(page, 'API Maturity').getByLabel('Level: Bronze'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(
      standing(page, 'API Maturity').getByLabel('Level: Silver'),
    ).toBeVisible();
    await expect(standing(page, 'API Maturity')).toContainText('1 exempt');
    await expect(
      page.getByText('1 active · 0 awaiting a decision'),
    ).toBeVisible();
    await shot(page, 'exemption-approved-in-ui');
  });

  test('the Maturity tab in the dark theme', async ({ page }) => {
    await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
    await page.goto('/catalog/default/group/payments/maturity');
    await expect(standing(page, 'Team Health')).toBeVisible();
    await expect(page.getByText('Rubric')).toBeVisible();
    await shot(page, 'entity-dark');
    await page.goto('/maturity/scorecards/default/service-maturity');
    await expect(
      page.getByRole('table', {
        name: /Share of passing results per owner group/,
      }),
    ).toBeVisible();
    await expect(
      page.getByRole('img', { name: /over the last 30 days/ }),
    ).toBeVisible();
    await shot(page, 'scorecard-report-dark');
  });
});
