import { expect, test } from '../support/app-fixture';

test('main tells the page when the backend goes away and comes back', async ({ page, app }) => {
  await page.goto(app.launchUrl());
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect(status).toBeVisible();
  await expect(status).not.toContainText('Offline');

  // The network between main and AWS drops; the page's link to main stays up, as in Electron.
  app.cutBackend();
  await expect(status).toContainText('Offline', { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('offline.png') });

  app.restoreBackend();
  await expect(status).toContainText(/Online|Syncing/, { timeout: 30_000 });
});
