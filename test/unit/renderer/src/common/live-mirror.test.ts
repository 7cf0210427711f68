import { afterEach, describe, expect, it, vi } from 'vitest';
import { createItem, deleteItem, openPilotForceDb, updateItem, type PilotForceDb } from '@renderer/db';
import { LiveTableMirror } from '@renderer/common/live-mirror';
import { aBooking } from '@test/support/builders';

let db: PilotForceDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const booking = (bookingId: string) => aBooking({ bookingId, userId: 'u1', bookingDate: '2026-03-02', bookingTime: '09:00' });

describe('live table mirror', () => {
  it('loads the table once and follows creates, edits and deletes key by key', async () => {
    db = await openPilotForceDb(`mirror-${crypto.randomUUID()}`);
    await createItem(db, 'bookings', booking('b1'), 'Sam');
    const mirror = new LiveTableMirror(db, 'bookings');
    const changes: unknown[] = [];
    mirror.subscribe((change) => changes.push(change));
    mirror.start();
    await mirror.settled();
    expect([...mirror.items.keys()]).toEqual(['b1']);

    await createItem(db, 'bookings', booking('b2'), 'Sam');
    await updateItem(db, 'bookings', 'b1', { status: 'confirmed' }, 'Sam');
    await deleteItem(db, 'bookings', 'b2', 'Sam');
    // storagemutated is reported after each commit: wait for the last change to be applied.
    await vi.waitFor(async () => {
      await mirror.settled();
      expect(mirror.items.has('b2')).toBe(false);
    });
    expect(mirror.items.get('b1')?.status).toBe('confirmed');
    expect(changes[0]).toEqual({ reset: true });
    expect(changes.some((change) => (change as { removed?: string[] }).removed?.includes('b2'))).toBe(true);
    mirror.stop();
  });
});
