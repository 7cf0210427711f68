import { expect, test } from '../support/app-fixture';

test('the app loads from the printed address, drops the token from it, and shows the sample data', async ({ page, app }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const response = await page.goto(app.launchUrl());
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${app.origin}/`);

  // The sample's staff member comes from DynamoDB through main and the renderer's sync into IndexedDB.
  await page.getByRole('combobox', { name: 'I am' }).click();
  await expect(page.getByRole('option', { name: /Sam Staff/ })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('first-start.png'), fullPage: true });

  // The tab's icon: an SVG of the app's own origin, which the CSP allows.
  const icon = await page.request.get(`${app.origin}/favicon.svg`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');

  // Mantine's styles and the app's scripts run under the strict CSP without a single violation.
  expect(cspViolations).toEqual([]);
});
