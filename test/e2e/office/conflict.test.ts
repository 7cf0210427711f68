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

  // Both desks push when the link returns; whichever reaches the server first wins, and the other's change of
  // the same field becomes a conflict on its desk, never an overwrite.
  backend.restoreBackend();
  let winnerNotes = '';
  await expect
    .poll(async () => {
      winnerNotes = String(((await backend.serverItem('bookings', 'bk-b1'))?.details as { notes?: unknown } | undefined)?.notes ?? '');
      return winnerNotes;
    }, { timeout: 60_000 })
    .toMatch(/^Notes from desk [AB]$/);
  const [winner, loser, loserNotes] = winnerNotes.endsWith('A') ? [pageA!, pageB!, 'Notes from desk B'] : [pageB!, pageA!, 'Notes from desk A'];
  await expectSynced(winner);
  await expect(loser.getByTestId('sync-indicator')).toContainText('1 conflict', { timeout: 60_000 });
  // The booking itself says its change lost, and links to the decision.
  await go(loser, '#/bookings/bk-b1');
  const lostDetail = loser.getByRole('region', { name: 'Booking details' });
  await expect(lostDetail.getByTestId('sync-state')).toHaveText('Conflict');
  const lost = lostDetail.getByRole('alert', { name: 'Your change to this booking was not applied' });
  await expect(lost).toContainText('Sam Staff changed it first');
  await lost.getByRole('link', { name: 'Decide on the Sync screen' }).click();
  await expect(loser).toHaveURL(/#\/sync\/\d+$/);
  const conflict = loser.getByTestId('conflict');
  await expect(conflict).toContainText('Notes');
  await expect(conflict).toContainText(winnerNotes);
  await expect(conflict).toContainText(loserNotes);
  await expect(conflict).toContainText('Theirs: Sam Staff');
  await loser.screenshot({ path: test.info().outputPath('sync-conflict.png'), fullPage: true });

  // The loser edits the value, taking parts of both, and both desks converge on it.
  await conflict.getByRole('button', { name: 'Edit' }).click();
  await conflict.getByRole('textbox', { name: 'Value for Notes' }).fill('Notes from desks A and B');
  await conflict.getByRole('button', { name: 'Save edited values' }).click();
  await expect(loser.getByText('No conflicts')).toBeVisible();
  // The header's count may still show the "0 pending" of before the resolution for a moment: the server is the proof.
  await expect
    .poll(() => backend.serverItem('bookings', 'bk-b1'), { timeout: 60_000 })
    .toMatchObject({ details: { notes: 'Notes from desks A and B', location: 'North Field' } });
  await expectSynced(loser);
  await go(winner, '#/bookings/bk-b1');
  // The winner hears of the resolution (main's poke or the interval); "Sync now" asks at once when not mid-cycle.
  const syncNowWinner = winner.getByTestId('sync-indicator').getByRole('button', { name: 'Sync now' });
  await expect(syncNowWinner).toBeEnabled({ timeout: 60_000 });
  await syncNowWinner.click();
  await expect(winner.getByRole('region', { name: 'Booking details' })).toContainText('Notes from desks A and B', { timeout: 90_000 });
  await Promise.all(desks.map((context) => context.close()));
});
