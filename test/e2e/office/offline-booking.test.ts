import { expect, expectSynced, go, SAMPLE_DATE, test } from './office-fixture';

test('create, reschedule and cancel a booking offline, then see it sync', async ({ staffPage: page, backend }) => {
  await expectSynced(page);
  backend.cutBackend();
  await expect(page.getByTestId('sync-indicator')).toContainText('Offline', { timeout: 20_000 });

  // Create
  await go(page, '#/bookings');
  await page.getByRole('button', { name: 'New booking' }).click();
  const form = page.getByRole('dialog', { name: 'New booking' });
  await form.getByRole('combobox', { name: /Student or customer/ }).click();
  await page.getByRole('option', { name: /Bob Roy/ }).click();
  await form.getByRole('combobox', { name: /Service type/ }).fill('pilot_training');
  await form.getByLabel(/^Date/).fill(SAMPLE_DATE);
  await form.getByLabel(/^Time/).fill('16:00');
  await form.getByLabel('Location').fill('South Apron');
  await form.getByRole('button', { name: 'Create booking' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'Booking created' })).toContainText('Saved on this desk, not yet sent');

  await page.getByRole('textbox', { name: 'Search bookings' }).fill('south apron');
  await expect(page.getByTestId('match-count')).toHaveText('1 booking');
  await page.getByTestId('booking-row').first().click();
  const detail = page.getByRole('region', { name: 'Booking details' });
  await expect(detail.getByTestId('sync-state')).toHaveText('Not yet sent');
  const bookingId = decodeURIComponent(new URL(page.url()).hash.replace('#/bookings/', ''));

  // Reschedule
  await detail.getByRole('button', { name: 'Edit or reschedule' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit booking' });
  await edit.getByLabel(/^Time/).fill('17:00');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(detail).toContainText(`${SAMPLE_DATE} at 17:00`);

  // Cancel, with the reason the workflow requires
  await detail.getByRole('button', { name: 'Cancel booking' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this booking' });
  await cancel.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(cancel.getByText('A cancellation needs a reason')).toBeVisible();
  await cancel.getByLabel(/^Reason/).fill('Crosswind above limits');
  await cancel.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(detail).toContainText('Cancelled by Sam Staff');
  await expect(page.getByTestId('pending-count')).not.toHaveText('0 pending');
  await page.screenshot({ path: test.info().outputPath('bookings-offline.png'), fullPage: true });

  // Back online: everything reaches DynamoDB.
  backend.restoreBackend();
  await expectSynced(page);
  await expect(detail.getByTestId('sync-state')).toHaveText('Synced');
  const item = await backend.serverItem('bookings', bookingId);
  expect(item).toMatchObject({
    userId: 'u-bob',
    bookingDate: SAMPLE_DATE,
    bookingTime: '17:00',
    status: 'cancelled',
    cancellation: { reason: 'Crosswind above limits', by: 'Sam Staff' },
    details: { location: 'South Apron' },
    updatedBy: 'Sam Staff',
  });
});

test('complete a booking that has started, then undo the completion with a reason', async ({ staffPage: page, backend }) => {
  await expectSynced(page);
  await go(page, '#/bookings/bk-b1');
  const detail = page.getByRole('region', { name: 'Booking details' });
  await detail.getByRole('button', { name: 'Mark completed' }).click();
  await expect(detail.getByText('Completed', { exact: true })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Edit or reschedule' })).toBeDisabled();
  await detail.getByRole('button', { name: 'Undo completion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the completion' });
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Marked by mistake: the flight was postponed');
  await dialog.getByRole('button', { name: 'Undo completion' }).click();
  await expect(detail.getByText('Confirmed', { exact: true })).toBeVisible();
  await expect(detail.getByTestId('reversal')).toContainText('Back from completed to confirmed by Sam Staff');
  await expect(detail.getByRole('button', { name: 'Edit or reschedule' })).toBeEnabled();
  await expectSynced(page);
  expect(await backend.serverItem('bookings', 'bk-b1')).toMatchObject({
    status: 'confirmed',
    reversal: { from: 'completed', to: 'confirmed', reason: 'Marked by mistake: the flight was postponed', by: 'Sam Staff' },
  });
  await page.screenshot({ path: test.info().outputPath('completion-undone.png'), fullPage: true });
});
