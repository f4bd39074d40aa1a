import { expect, test } from '@playwright/test';
import path from 'node:path';

/*
 * The Kubernetes triage page (issue 9): the guest opens /kubernetes-triage and sees the dry run of the
 * demo's Kubernetes provider — both loopback clusters read, and an unowned workload with the owner its
 * evidence suggests and that evidence listed.
 */

const screenshots = path.resolve(__dirname, '..', 'artifacts', 'screenshots');

test.use({ viewport: { width: 1400, height: 2200 } });

test('the triage page shows the clusters and an unowned workload with a suggested owner and its evidence', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('Ratchet Demo Co Catalog')).toBeVisible();

  await page.goto('/kubernetes-triage');
  await expect(
    page.getByRole('heading', { name: 'Kubernetes triage', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText(/Nothing was applied\./).first()).toBeVisible({
    timeout: 60_000,
  });

  // Both demo clusters were read, and neither failed.
  const clusters = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Read in' }) });
  for (const cluster of ['eu-west', 'us-east']) {
    const row = clusters.getByRole('row').filter({ hasText: cluster });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('ok');
  }

  // kafka-lag-exporter has no owner label anywhere: emitted for the unassigned group, with suggestions.
  const unowned = page.getByRole('table').filter({
    has: page.getByRole('columnheader', { name: 'Suggested owners' }),
  });
  const row = unowned
    .getByRole('row')
    .filter({ hasText: 'kafka-lag-exporter' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('group:default/unassigned');
  const suggestions = row.getByRole('list', {
    name: /Suggested owners of .*kafka-lag-exporter/,
  });
  await expect(suggestions).toBeVisible();
  const first = suggestions.getByRole('listitem').first();
  await expect(first.locator('strong')).toHaveText(/^group:default\/\S+$/);
  await expect(first).toContainText(/score \d/);
  // The evidence behind the suggestion is listed, not just a name: its neighbours in namespace default.
  await expect(first.getByRole('listitem').first()).toContainText(
    /namespace default .* also runs/,
  );

  await page.screenshot({
    path: path.join(screenshots, 'kubernetes-triage.png'),
    fullPage: true,
  });
});
