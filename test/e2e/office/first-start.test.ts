import { expect, test } from './office-fixture';

/** Records, in the page, whether an offer to create the first admin ever appeared (typed without DOM libraries). */
function watchForCreateAdmin(): void {
  type Button = { textContent: string | null };
  const page = globalThis as unknown as {
    createAdminSeen?: boolean;
    document: { documentElement: unknown; querySelectorAll(selector: string): Iterable<Button> };
    MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  };
  page.createAdminSeen = false;
  new page.MutationObserver(() => {
    for (const button of page.document.querySelectorAll('button')) if (button.textContent === 'Create user') page.createAdminSeen = true;
  }).observe(page.document.documentElement, { childList: true, subtree: true });
}

test('a fresh desk’s first start: the first sync’s progress, never an offer to create an admin, then the full staff list', async ({ page, backend }) => {
  await page.addInitScript(watchForCreateAdmin);
  // The link hangs while the desk starts: the first sync cannot finish, as on a slow airfield connection.
  backend.cutBackend('hang');
  await page.goto(backend.launchUrl());
  const progress = page.getByRole('dialog', { name: 'Getting the school’s data' });
  await expect(progress).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Who is working?' })).toBeHidden();
  await expect(progress).toContainText('cannot reach the server', { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('first-sync-offline.png') });

  backend.restoreBackend();
  const picker = page.getByRole('dialog', { name: 'Who is working?' });
  await expect(picker).toBeVisible({ timeout: 60_000 });
  await picker.getByRole('combobox', { name: 'I am' }).click();
  await expect(page.getByRole('option')).toHaveText(['Ada Admin · ada@pilotforce.test · Admin', 'Sam Staff · sam@pilotforce.test · Office staff']);
  await page.screenshot({ path: test.info().outputPath('first-start-staff.png') });
  expect(await page.evaluate(() => (globalThis as unknown as { createAdminSeen: boolean }).createAdminSeen)).toBe(false);
});
