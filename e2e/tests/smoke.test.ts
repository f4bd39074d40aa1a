import { expect, Page, test } from '@playwright/test';
import path from 'node:path';

const screenshots = path.resolve(__dirname, '..', 'artifacts', 'screenshots');

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Ratchet Demo Co Catalog')).toBeVisible();
}

test('the demo lists the sample estate and the Ratchet kinds', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The catalog keeps ingesting for a few seconds after start: reload until the scorecard is there.
  await expect(async () => {
    await page.goto('/catalog?filters[kind]=scorecard');
    await expect(
      page.getByRole('link', { name: /Service Maturity/ }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await page.screenshot({
    path: path.join(screenshots, 'catalog-scorecards.png'),
    fullPage: true,
  });

  await page.getByRole('link', { name: /Service Maturity/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/scorecard\/service-maturity/,
  );
  await expect(
    page.getByRole('heading', { name: 'Service Maturity', level: 1 }),
  ).toBeVisible();
  // The About card shows the owner that the processor's ownedBy relation resolved.
  await expect(
    page.getByRole('link', { name: 'Platform' }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: path.join(screenshots, 'scorecard-entity.png'),
    fullPage: true,
  });

  // 40 sample services plus the repository's own catalog-info.yaml. The demo guest is Priya (payments),
  // whose catalog opens on her own components: ask for all of them.
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  const heading = page.getByRole('heading', { name: /All components/i });
  // The count starts at 0 while the table loads.
  await expect(async () => {
    const text = (await heading.textContent()) ?? '';
    expect(Number(/\((\d+)\)/.exec(text)?.[1])).toBeGreaterThanOrEqual(41);
  }).toPass({ timeout: 30_000 });
});
