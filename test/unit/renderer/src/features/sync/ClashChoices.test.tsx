import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, PilotForceDbContext, type ConflictRecord, type PilotForceDb } from '@renderer/db';
import { MirrorsProvider } from '@renderer/common/data';
import { resolveConflict } from '@renderer/sync';
import { ClashChoices } from '@renderer/features/sync/ClashChoices';
import { aBooking, aUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

const aircraft = (registration: string, aircraftType: string, extra: Record<string, unknown> = {}) => ({ resourceId: `aircraft#${registration}`, resourceType: 'aircraft', name: registration, aircraftType, createdAt: '2026-01-01T00:00:00.000Z', ...extra });

/** A desk whose new booking of N172PF at 10:00 the server refused: Bob's booking holds it. */
async function renderClash() {
  db = await freshDb();
  await createItem(db, 'users', aUser({ userId: 'u-bob', name: 'Bob Pilot' }), 'seed');
  await createItem(db, 'resources', aircraft('N172PF', 'C172'), 'seed');
  await createItem(db, 'resources', aircraft('N738SP', 'C172'), 'seed');
  await createItem(db, 'resources', aircraft('N52394', 'C172'), 'seed');
  await createItem(db, 'resources', aircraft('N630DA', 'C172', { grounding: { from: '2026-11-01T00:00:00.000Z', reason: 'Engine', by: 'Ops', at: '2026-11-01T00:00:00.000Z' } }), 'seed');
  await createItem(db, 'resources', aircraft('G-ABCD', 'PA-28'), 'seed');
  // N738SP is taken then by another booking this desk knows of.
  await createItem(db, 'bookings', aBooking({ bookingId: 'bk-other', userId: 'u-bob', bookingDate: '2026-12-02', bookingTime: '10:00', status: 'confirmed', details: { aircraft: 'N738SP', duration: 60 } }), 'seed');
  const mutation = await createItem(db, 'bookings', aBooking({ bookingId: 'bk-mine', userId: 'u-bob', bookingDate: '2026-12-02', bookingTime: '10:00', status: 'confirmed', details: { aircraft: 'N172PF', duration: 60 } }), 'Fran Office');
  const entry = (await db.outbox.get(mutation.seq))!;
  await db.outbox.put({ ...entry, state: 'parked-conflict', lastError: 'conflict: clash' });
  const conflict: ConflictRecord = {
    seq: mutation.seq,
    entity: 'bookings',
    key: 'bk-mine',
    reason: 'clash',
    paths: [],
    mine: mutation,
    theirs: null,
    clashes: [{ resource: 'aircraft', value: 'N172PF', date: '2026-12-02', other: { bookingId: 'bk-theirs', userId: 'u-bob', start: 570, end: 660 } }],
    base: null,
    theirsBy: null,
    theirsAt: null,
    detectedAt: '2026-12-01T10:00:00.000Z',
  };
  await db.conflicts.put(conflict);
  const rendered = renderWithMantine(
    <PilotForceDbContext.Provider value={db}>
      <MirrorsProvider>
        <ClashChoices conflict={conflict} nameOf={(id) => (id === 'u-bob' ? 'Bob Pilot' : id)} timeZone="UTC" onResolve={async (choice) => void (await resolveConflict(db, conflict.seq, choice, 'Fran Office'))} />
      </MirrorsProvider>
    </PilotForceDbContext.Provider>,
  );
  return { ...rendered, conflict };
}

describe('a booking the server refused for a clash', { timeout: 30_000 }, () => {
  it("names whose slot it is, offers only free, flying aircraft of the same type, and books the one picked", async () => {
    const { user } = await renderClash();
    const choices = await screen.findByTestId('clash-choices');
    expect(choices.textContent).toContain('Aircraft N172PF is already booked on 2 Dec 2026 from 09:30 to 11:00 for Bob Pilot.');
    await waitFor(() => expect(within(choices).getAllByRole('button', { name: /instead$/ }).map((button) => button.textContent)).toEqual(['Book N52394 instead']));
    await user.click(within(choices).getByRole('button', { name: 'Book N52394 instead' }));
    await waitFor(async () => expect((await db.bookings.get('bk-mine'))?.details).toMatchObject({ aircraft: 'N52394', duration: 60 }));
    expect(await db.conflicts.count()).toBe(0);
    const outbox = (await db.outbox.toArray()).filter((entry) => entry.key === 'bk-mine');
    expect(outbox).toEqual([expect.objectContaining({ state: 'pending', mutation: expect.objectContaining({ kind: 'create', item: expect.objectContaining({ details: { aircraft: 'N52394', duration: 60 } }) }) })]);
  });

  it('keeps the booking without an aircraft, or drops it', async () => {
    const { user } = await renderClash();
    await user.click(await screen.findByRole('button', { name: 'Keep it without an aircraft' }));
    await waitFor(async () => expect((await db.bookings.get('bk-mine'))?.details).toEqual({ duration: 60 }));
    db.close();
    const again = await renderClash();
    await again.user.click(await screen.findAllByRole('button', { name: 'Drop this booking' }).then((buttons) => buttons.at(-1)!));
    await waitFor(async () => expect(await db.bookings.get('bk-mine')).toBeUndefined());
    expect((await db.outbox.toArray()).filter((entry) => entry.key === 'bk-mine')).toEqual([]);
  });
});
