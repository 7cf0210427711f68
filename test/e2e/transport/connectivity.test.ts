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

test('a link that hangs (connections open, nothing answers) is shown offline within seconds, not after a request times out', async ({ page, app }) => {
  await page.goto(app.launchUrl());
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect(status).toContainText('Online', { timeout: 30_000 });

  app.cutBackend('hang');
  const cutAt = Date.now();
  // Generous bound for a busy machine; the time it took is logged, the brief's target being 5 s.
  await expect(status).toContainText('Offline', { timeout: 15_000 });
  const seconds = (Date.now() - cutAt) / 1000;
  console.log(`offline shown ${seconds.toFixed(1)} s after the link hung`);
  test.info().annotations.push({ type: 'offline after', description: `${seconds.toFixed(1)} s` });
  expect(seconds).toBeLessThan(15);

  app.restoreBackend();
  await expect(status).toContainText(/Online|Syncing/, { timeout: 30_000 });
});
