import { expect, Page, test } from '@playwright/test';
import path from 'node:path';

/*
 * The Kubernetes entity provider in the demo: a workload that only the demo clusters know becomes a
 * Component with its owner and system mapped, and Backstage's Kubernetes tab finds it in both clusters
 * through the annotations the provider wrote.
 */

const screenshots = path.resolve(__dirname, '..', 'artifacts', 'screenshots');

test.use({ viewport: { width: 1400, height: 1600 } });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Ratchet Demo Co Catalog')).toBeVisible();
}

test('a Kubernetes-only workload becomes a Component and its Kubernetes tab resolves it', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The provider's first sync runs 20 s after the backend starts, and the catalog resolves the owner and
  // system relations a little later: reload until the entity is there with both.
  // Owner and system come from the namespace and `app.kubernetes.io/part-of` labels.
  await expect(async () => {
    await page.goto('/catalog/default/component/otel-collector');
    await expect(
      page.getByRole('heading', {
        name: /otel-collector|OpenTelemetry/i,
        level: 1,
      }),
    ).toBeVisible({ timeout: 5_000 });
    await expect(
      page.getByRole('link', { name: 'Platform' }).first(),
    ).toBeVisible({ timeout: 5_000 });
    await expect(
      page.getByRole('link', { name: /platform[- ]core/i }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  await page.screenshot({
    path: path.join(screenshots, 'kubernetes-component.png'),
    fullPage: true,
  });

  await page.getByRole('tab', { name: 'Kubernetes' }).click();
  await expect(page).toHaveURL(/\/kubernetes$/);
  // The DaemonSet runs in both demo clusters, and the tab lists each cluster it found it in.
  await expect(page.getByText('eu-west').first()).toBeVisible();
  await expect(page.getByText('us-east').first()).toBeVisible();
  await page.screenshot({
    path: path.join(screenshots, 'kubernetes-tab.png'),
    fullPage: true,
  });
});
