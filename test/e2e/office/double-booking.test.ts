import { pushMutations } from '@main/sync/push';
import type { Mutation } from '@shared/sync/protocol';
import { aBooking } from '@test/support/builders';
import { expect, expectSynced, go, openAsStaff, test, type OfficeBackend } from './office-fixture';

/** A mutation without the sender's stamps (each kind keeps its own fields). */
type DeskWrite = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'clientId' | 'seq' | 'updatedBy'> : never) : never;

/** Another desk's main, as the server sees it: a write through the same push, with no poke to this main's windows. */
async function writeFromAnotherDesk(backend: OfficeBackend, mutation: DeskWrite) {
  const [outcome] = await pushMutations({ clients: backend.services.clients, prefix: backend.prefix }, [{ ...mutation, clientId: 'other-desk', seq: Date.now(), updatedBy: 'Olga Office' } as Mutation]);
  expect(outcome?.status).toBe('applied');
}

/**
 * A booking of this file's own, written by another desk: the sample's bookings stay as the other tests of the
 * worker expect them (their versions, Alice's count).
 */
async function ownBooking(backend: OfficeBackend, bookingId: string, fields: Parameters<typeof aBooking>[0]): Promise<void> {
  if (await backend.serverItem('bookings', bookingId)) return;
  const item = aBooking({ bookingId, serviceType: 'pilot_training', bookingDate: '2026-03-21', status: 'confirmed', createdAt: '2026-03-01T09:00:00.000Z', ...fields });
  await writeFromAnotherDesk(backend, { entity: 'bookings', kind: 'create', key: bookingId, item });
}

test("another desk's change shows here within seconds, without Sync now", async ({ staffPage: page, backend }) => {
  test.setTimeout(120_000);
  await ownBooking(backend, 'bk-db-notes', { userId: 'u-bob', bookingTime: '08:00', details: { duration: 60 } });
  await expectSynced(page);
  await go(page, '#/bookings/bk-db-notes');
  const detail = page.getByRole('region', { name: 'Booking details' });
  await expect(detail).toBeVisible();
  await page.mouse.click(5, 5); // someone is working at this desk
  const current = (await backend.serverItem('bookings', 'bk-db-notes'))!;
  const notes = `Changed at the other desk ${Date.now()}`;
  await writeFromAnotherDesk(backend, { entity: 'bookings', kind: 'update', key: 'bk-db-notes', expected: { version: current.version as number, updatedAt: current.updatedAt as string }, changes: [{ op: 'set', path: ['details', 'notes'], value: notes }] });
  const written = Date.now();
  // Well inside the 60 s an idle desk waits: only the in-use cadence (3 s) brings it this soon.
  await expect(detail).toContainText(notes, { timeout: 20_000 });
  console.log(`another desk's change shown ${((Date.now() - written) / 1000).toFixed(1)} s after it was written`);
});

test('two desks book the same aircraft and hour offline: the second to sync sees whose slot it is and books another aircraft', async ({ browser, backend }) => {
  test.setTimeout(240_000);
  // A second register aircraft of the same type to move to (the type of C-GXYZ if a test of this worker registered it).
  const registered = await backend.serverItem('resources', 'aircraft#C-GXYZ');
  const aircraftType = typeof registered?.aircraftType === 'string' ? registered.aircraftType : 'C172';
  if (!(await backend.serverItem('resources', 'aircraft#C-FTST'))) {
    await writeFromAnotherDesk(backend, { entity: 'resources', kind: 'create', key: 'aircraft#C-FTST', item: { resourceId: 'aircraft#C-FTST', resourceType: 'aircraft', name: 'C-FTST', aircraftType, createdAt: '2026-03-01T09:00:00.000Z' } });
  }
  await ownBooking(backend, 'bk-db-bob', { userId: 'u-bob', bookingTime: '14:00', details: { duration: 60 } });
  await ownBooking(backend, 'bk-db-sam', { userId: 'u-sam', bookingTime: '11:00', details: { duration: 60, aircraft: 'C-GXYZ' } });
  const desks = await Promise.all([browser.newContext(), browser.newContext()]);
  const [pageA, pageB] = await Promise.all(desks.map((context) => context.newPage()));
  for (const page of [pageA!, pageB!]) {
    await openAsStaff(page, backend);
    await expectSynced(page);
  }

  // Offline, desk A puts Bob's 14:00 lesson on C-GXYZ and desk B moves Sam's 11:00 flight on C-GXYZ to 14:30:
  // neither desk can know of the other's change, so neither warns.
  backend.cutBackend();
  const reschedule = async (page: typeof pageA, bookingId: string, fields: Array<[RegExp, string]>) => {
    await go(page!, `#/bookings/${bookingId}`);
    await page!.getByRole('region', { name: 'Booking details' }).getByRole('button', { name: 'Edit or reschedule' }).click();
    const edit = page!.getByRole('dialog', { name: 'Edit booking' });
    for (const [label, value] of fields) await edit.getByLabel(label).fill(value);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
  };
  await reschedule(pageA, 'bk-db-bob', [[/^Aircraft/, 'C-GXYZ']]);
  await reschedule(pageB, 'bk-db-sam', [[/^Time/, '14:30']]);
  backend.restoreBackend();

  // One of them gets the slot; the other desk shows the clash with the booking that holds it.
  await expect(async () => {
    const [bob, sam] = await Promise.all(['bk-db-bob', 'bk-db-sam'].map((key) => backend.serverItem('bookings', key)));
    expect((bob?.details as { aircraft?: string } | undefined)?.aircraft === 'C-GXYZ' || sam?.bookingTime === '14:30').toBe(true);
  }).toPass({ timeout: 60_000 });
  const bob = await backend.serverItem('bookings', 'bk-db-bob');
  const aWon = (bob?.details as { aircraft?: string } | undefined)?.aircraft === 'C-GXYZ';
  const loser = aWon ? pageB! : pageA!;
  await expect(loser.getByTestId('sync-indicator')).toContainText('1 conflict', { timeout: 60_000 });
  await go(loser, '#/sync');
  const choices = loser.getByTestId('clash-choices');
  await expect(choices).toContainText(`Aircraft C-GXYZ is already booked on 21 Mar 2026 from ${aWon ? '14:00 to 15:00 for Bob Roy' : '14:30 to 15:30 for Sam Staff'}.`);
  await expect(loser.getByTestId('conflict')).not.toContainText('Theirs:');
  await loser.screenshot({ path: test.info().outputPath('clash.png'), fullPage: true });
  await choices.getByRole('button', { name: 'Book C-FTST instead' }).click();
  const loserKey = aWon ? 'bk-db-sam' : 'bk-db-bob';
  await expect.poll(async () => ((await backend.serverItem('bookings', loserKey))?.details as { aircraft?: string } | undefined)?.aircraft, { timeout: 60_000 }).toBe('C-FTST');
  await expectSynced(loser);
  await expect(loser.getByText('No conflicts')).toBeVisible();
  await Promise.all(desks.map((context) => context.close()));
});
