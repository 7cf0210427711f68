import { expect, expectSynced, go, openAsStaff, test } from './office-fixture';

test('reset local data is refused with a change made offline, and works once it is synced', async ({ staffPage: page, backend }) => {
  test.setTimeout(180_000);
  await expectSynced(page);

  // An edit made offline stays in this desk's outbox.
  backend.cutBackend();
  await expect(page.getByTestId('sync-indicator')).toContainText('Offline', { timeout: 20_000 });
  await go(page, '#/bookings/bk-b1');
  const detail = page.getByRole('region', { name: 'Booking details' });
  await detail.getByRole('button', { name: 'Edit or reschedule' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit booking' });
  await edit.getByLabel('Location').fill('East Ramp');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(detail.getByTestId('sync-state')).toHaveText('Not synced yet');

  await go(page, '#/settings');
  const reset = page.getByRole('region', { name: 'Reset local data' });
  await expect(reset.getByTestId('reset-state')).toContainText('This desk has 1 change not on the server yet');
  await expect(reset.getByRole('button', { name: 'Reset local data…' })).toBeDisabled();
  await expect(reset.getByRole('button', { name: 'Export unsent changes' })).toBeVisible();
  await reset.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('reset-refused.png'), fullPage: true });

  // Back online, the edit reaches the server and the reset is allowed.
  backend.restoreBackend();
  await expectSynced(page);
  await expect(reset.getByTestId('reset-state')).toHaveText('Every change made on this desk is on the server: nothing is lost by a reset.');
  await reset.getByRole('button', { name: 'Reset local data…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Reset local data?' });
  await confirm.getByRole('button', { name: 'Reset and sync again' }).click();

  // The app starts again from an empty copy: the first sync, then who is working, then the server's data.
  await expect(page.getByRole('combobox', { name: 'I am' })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('reset-restarted.png'), fullPage: true });
  expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('#/schedule');
  await openAsStaff(page, backend);
  await expectSynced(page);
  await go(page, '#/bookings/bk-b1');
  await expect(page.getByRole('region', { name: 'Booking details' })).toContainText('East Ramp');
  await expect(page.getByRole('region', { name: 'Booking details' }).getByTestId('sync-state')).toHaveText('Synced');
  expect(await backend.serverItem('bookings', 'bk-b1')).toMatchObject({ details: { location: 'East Ramp' }, updatedBy: 'Sam Staff' });
});
