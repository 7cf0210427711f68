import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '@shared/tables';
import { expect, expectSynced, go, openAsStaff, test } from './office-fixture';

test("a booking's history on a second desk: who changed what, another tool's change, and this desk's unsent change", async ({ browser, backend }) => {
  test.setTimeout(180_000);
  const desks = await Promise.all([browser.newContext(), browser.newContext()]);
  const [front, office] = await Promise.all(desks.map((context) => context.newPage()));
  await openAsStaff(front!, backend);
  await openAsStaff(office!, backend, 'Ada Admin');

  // The front desk changes the notes of a booking.
  await go(front!, '#/bookings/bk-a2');
  await front!.getByRole('region', { name: 'Booking details' }).getByRole('button', { name: 'Edit or reschedule' }).click();
  const edit = front!.getByRole('dialog', { name: 'Edit booking' });
  await edit.getByLabel('Notes').fill('Bring the logbook');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  // The server is the proof the edit went out (the header's "0 pending" can be the one from before the save).
  await expect.poll(() => backend.serverItem('bookings', 'bk-a2'), { timeout: 60_000 }).toMatchObject({ version: 2, details: { notes: 'Bring the logbook' } });
  await expectSynced(front!);

  // Another tool (the seed's way: a field and updatedAt, no version) changes its location afterwards.
  await backend.services.clients.doc.send(
    new UpdateCommand({
      TableName: tableName('bookings', backend.prefix),
      Key: { bookingId: 'bk-a2' },
      UpdateExpression: 'SET details.#location = :location, updatedAt = :at',
      ExpressionAttributeNames: { '#location': 'location' },
      ExpressionAttributeValues: { ':location': 'Hangar 3', ':at': new Date(Date.now() + 2000).toISOString() },
    }),
  );

  // The office desk opens the booking and reads its history from the server, in the office's words.
  await office!.getByTestId('sync-indicator').getByRole('button', { name: 'Sync now' }).click();
  await go(office!, '#/bookings/bk-a2');
  const history = office!.getByRole('region', { name: 'Booking details' }).getByRole('region', { name: 'History' });
  await expect(history.getByTestId('history-entry').first()).toContainText('Changed by Sam Staff', { timeout: 60_000 });
  await expect(history.getByTestId('history-entry').first()).toContainText('Notes: set to Bring the logbook');
  await expect(history.getByTestId('history-outside')).toContainText('Changed outside the app after version 2');
  await expect(history.getByTestId('history-outside')).toContainText('Location: Classroom 2 → Hangar 3');

  // Offline, the office desk's own change shows as not yet sent, above what the server recorded.
  backend.cutBackend();
  await office!.getByRole('region', { name: 'Booking details' }).getByRole('button', { name: 'Edit or reschedule' }).click();
  const officeEdit = office!.getByRole('dialog', { name: 'Edit booking' });
  await officeEdit.getByLabel('Notes').fill('Bring the logbook and the medical');
  await officeEdit.getByRole('button', { name: 'Save changes' }).click();
  await expect(officeEdit).toBeHidden();
  await expect(history.getByTestId('history-pending')).toContainText('On this desk, not yet sent');
  await expect(history.getByTestId('history-pending')).toContainText('Notes: Bring the logbook → Bring the logbook and the medical');
  await expect(history.getByTestId('history-entry').first()).toContainText('Changed by Sam Staff');
  await office!.screenshot({ path: test.info().outputPath('booking-history.png'), fullPage: true });
  expect(await history.textContent()).not.toMatch(/auth0\||"version"|\{"/);
  backend.restoreBackend();
  await expectSynced(office!);
  await Promise.all(desks.map((context) => context.close()));
});
