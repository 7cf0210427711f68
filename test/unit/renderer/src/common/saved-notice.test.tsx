import { Notifications, notifications } from '@mantine/notifications';
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { noticeSaved, SAVED_HERE, SENT } from '@renderer/common/saved-notice';
import { aBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

let db: PilotForceDb;
afterEach(() => db?.close());

describe('the notice of a save', () => {
  it('says "saved on this desk, not yet sent" until the server has the change, then "sent"', async () => {
    db = await freshDb();
    renderWithMantine(<Notifications />);
    const mutation = await createItem(db, 'bookings', aBooking({ bookingId: 'bk-1' }), 'Sam');
    act(() => noticeSaved(db, 'Booking created', mutation));
    expect(await screen.findByText(SAVED_HERE)).toBeInTheDocument();
    expect(screen.getByText('Booking created')).toBeInTheDocument();
    // The change is still in the outbox: the notice waits.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByText(SENT)).not.toBeInTheDocument();
    // The server acknowledged it: sync removes it from the outbox.
    await db.outbox.delete(mutation.seq);
    expect(await screen.findByText(SENT)).toBeInTheDocument();
    expect(screen.queryByText(SAVED_HERE)).not.toBeInTheDocument();
  });

  it('says a change that lost a conflict was not sent, and where to decide', async () => {
    db = await freshDb();
    renderWithMantine(<Notifications />);
    const mutation = await updateItem(db, 'bookings', (await createItem(db, 'bookings', aBooking({ bookingId: 'bk-2' }), 'Sam')).key, { status: 'confirmed' }, 'Sam');
    act(() => noticeSaved(db, 'Status changed', mutation));
    expect(await screen.findByText(SAVED_HERE)).toBeInTheDocument();
    await db.outbox.update(mutation!.seq, { state: 'parked-conflict' });
    expect(await screen.findByText(/Not sent: someone changed it first\. Decide on the Sync screen/)).toBeInTheDocument();
  });

  it('says a booking refused for a clash is not sent because the slot is taken, with the Sync screen\'s own key', async () => {
    db = await freshDb();
    // The earlier tests' notices would fill Mantine's visible limit and queue this one.
    act(() => notifications.clean());
    renderWithMantine(<Notifications />);
    const mutation = await createItem(db, 'bookings', aBooking({ bookingId: 'bk-3', details: { aircraft: 'N172PF' } }), 'Sam');
    act(() => noticeSaved(db, 'Booking created', mutation));
    expect(await screen.findByText(SAVED_HERE)).toBeInTheDocument();
    await db.transaction('rw', db.outbox, db.conflicts, async () => {
      await db.outbox.update(mutation.seq, { state: 'parked-conflict' });
      await db.conflicts.put({ seq: mutation.seq, entity: 'bookings', key: 'bk-3', reason: 'clash', paths: [], mine: mutation, theirs: null, base: null, theirsBy: null, theirsAt: null, detectedAt: '2026-12-02T10:00:00.000Z' });
    });
    expect(await screen.findByText('Not sent: the aircraft or instructor is already booked then. Choose how it goes on, on the Sync screen (Alt+7).')).toBeInTheDocument();
  });

  it('says nothing for a save that changed nothing', async () => {
    db = await freshDb();
    renderWithMantine(<Notifications />);
    act(() => noticeSaved(db, 'Profile saved', null));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText('Profile saved')).not.toBeInTheDocument();
  });
});
