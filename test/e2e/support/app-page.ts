import { type Page, expect } from '@playwright/test';

/**
 * Opens the Settings screen afresh: it asks main for the connection as it mounts, so the answer shows
 * only when this tab's API works (its socket open, its token accepted). Calls made while the socket is
 * down wait for it.
 */
export async function expectApiAnswers(page: Page): Promise<void> {
  const connection = page.getByRole('table', { name: 'Connection settings' });
  await page.evaluate("location.hash = '#/users'");
  await expect(connection).toBeHidden();
  await page.evaluate("location.hash = '#/settings'");
  await expect(connection).toContainText('Local (DynamoDB Local', { timeout: 30_000 });
}
