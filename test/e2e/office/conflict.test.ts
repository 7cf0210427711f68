import { expect, expectSynced, go, openAsStaff, test } from './office-fixture';

test('a conflict made by two browser contexts is shown field by field and resolved by the user', async ({ browser, backend }) => {
  // Two desks, four sync rounds and a resolution: slow on a busy machine.
  test.setTimeout(240_000);
  // Two desks: separate contexts have separate IndexedDB, so they are two clients of the sync engine.
  const desks = await Promise.all([browser.newContext(), browser.newContext()]);
  const [pageA, pageB] = await Promise.all(desks.map((context) => context.newPage()));
  for (const page of [pageA!, pageB!]) {
    await openAsStaff(page, backend);
    await expectSynced(page);
  }

  // Both edit the notes of the same booking while the backend is out of reach.
  backend.cutBackend();
  for (const [page, notes] of [
    [pageA!, 'Notes from desk A'],
    [pageB!, 'Notes from desk B'],
  ] as const) {
    await go(page, '#/bookings/bk-b1');
    await page.getByRole('region', { name: 'Booking details' }).getByRole('button', { name: 'Edit or reschedule' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit booking' });
    await edit.getByLabel('Notes').fill(notes);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
  }

  // A reaches the server first; B's change of the same field becomes a conflict, not an overwrite.
  backend.restoreBackend();
  await expectSynced(pageA!);
  expect(await backend.serverItem('bookings', 'bk-b1')).toMatchObject({ details: { notes: 'Notes from desk A' } });
  await pageB!.getByTestId('sync-indicator').getByRole('button', { name: 'Sync now' }).click();
  await expect(pageB!.getByTestId('sync-indicator')).toContainText('1 conflict', { timeout: 30_000 });
  await go(pageB!, '#/sync');
  const conflict = pageB!.getByTestId('conflict');
  await expect(conflict).toContainText('details.notes');
  await expect(conflict).toContainText('Notes from desk A');
  await expect(conflict).toContainText('Notes from desk B');
  await expect(conflict).toContainText('Theirs: Sam Staff');
  await pageB!.screenshot({ path: test.info().outputPath('sync-conflict.png'), fullPage: true });

  // B edits the value, taking parts of both, and both desks converge on it.
  await conflict.getByRole('button', { name: 'Edit' }).click();
  await conflict.getByRole('textbox', { name: 'Value for details.notes' }).fill('Notes from desks A and B');
  await conflict.getByRole('button', { name: 'Save edited values' }).click();
  await expect(pageB!.getByText('No conflicts')).toBeVisible();
  await expectSynced(pageB!);
  expect(await backend.serverItem('bookings', 'bk-b1')).toMatchObject({ details: { notes: 'Notes from desks A and B', location: 'North Field' } });
  await go(pageA!, '#/bookings/bk-b1');
  // A hears of B's write (main's poke or the interval); "Sync now" asks at once when A is not mid-cycle.
  const syncNowA = pageA!.getByTestId('sync-indicator').getByRole('button', { name: 'Sync now' });
  await expect(syncNowA).toBeEnabled({ timeout: 60_000 });
  await syncNowA.click();
  await expect(pageA!.getByRole('region', { name: 'Booking details' })).toContainText('Notes from desks A and B', { timeout: 90_000 });
  await Promise.all(desks.map((context) => context.close()));
});
