import type { Page } from '@playwright/test';
import { expect, expectSynced, test } from './office-fixture';

/** The text of the focused element, read in the page (typed without DOM libraries, which this Node project does not load). */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '');
}

test('keyboard only: the palette finds a booking by text, opens it, and its status changes without a mouse', async ({ staffPage: page, backend }) => {
  await expectSynced(page);

  // Ctrl+K, a student's name and a date: one booking, opened with Enter.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('textbox', { name: 'Command' });
  await expect(palette).toBeFocused();
  await page.keyboard.type('alice 2026-03-12');
  const hit = page.getByRole('button', { name: /Alice Ng · 2026-03-12 09:00/ });
  await expect(hit).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('palette-booking.png') });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/bookings\/bk-a3$/);
  const detail = page.getByRole('region', { name: 'Booking details' });
  await expect(detail).toContainText('2026-03-12 at 09:00');
  await expect(detail).toContainText('Pending');

  // Tab to the workflow's next step and press it.
  let reached = false;
  for (let presses = 0; presses < 80 && !reached; presses += 1) {
    await page.keyboard.press('Tab');
    reached = (await focusedText(page)) === 'Confirm';
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(detail.getByText('Confirmed', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Status changed' })).toBeVisible();
  await expect.poll(async () => (await backend.serverItem('bookings', 'bk-a3'))?.status, { timeout: 30_000 }).toBe('confirmed');

  // The shortcuts sheet, from the keyboard too.
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('shortcuts.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('keyboard only: arrows move between the bookings, Enter opens one, Alt+number works from a field', async ({ staffPage: page }) => {
  await page.keyboard.press('Alt+2');
  const search = page.getByRole('textbox', { name: 'Search bookings' });
  await expect(search).toBeVisible();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('alice');
  await expect(page.getByTestId('match-count')).toHaveText('3 bookings');
  await page.keyboard.press('ArrowDown');
  const rows = page.getByTestId('booking-row');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Booking details' })).toBeVisible();
  // From inside the search box, Alt+3 still goes to Users; Esc first leaves the field.
  await search.focus();
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('textbox', { name: 'Search users' })).toBeVisible();
});
