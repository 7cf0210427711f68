import { render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { PilotForceDbContext, useBookingsOfUser, useItem, usePendingKeys } from '@renderer/db/hooks';
import { createItem, updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { aBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';

let db: PilotForceDb;
afterEach(() => db?.close());

function Booking({ id }: { id: string }) {
  const booking = useItem('bookings', id);
  const pending = usePendingKeys('bookings');
  const ofUser = useBookingsOfUser('u-1', '2026-12-01');
  if (booking === undefined) return <p>loading</p>;
  if (booking === null) return <p>no booking</p>;
  return (
    <p>
      {booking.status} {pending?.has(id) ? 'pending' : 'synced'} {ofUser?.length ?? 0} that day
    </p>
  );
}

it('live queries show local writes at once, with their pending mark', async () => {
  db = await freshDb();
  render(
    <PilotForceDbContext.Provider value={db}>
      <Booking id="b-1" />
    </PilotForceDbContext.Provider>,
  );
  expect(await screen.findByText('no booking')).toBeInTheDocument();
  await createItem(db, 'bookings', aBooking(), 'alice');
  expect(await screen.findByText('pending pending 1 that day')).toBeInTheDocument();
  await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
  expect(await screen.findByText('confirmed pending 1 that day')).toBeInTheDocument();
});
