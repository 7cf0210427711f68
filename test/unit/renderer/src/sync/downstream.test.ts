import { afterEach, describe, expect, it } from 'vitest';
import { clientIdOf } from '@renderer/db/meta';
import { updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { pullEntity } from '@renderer/sync/downstream';
import { checkpointAt, type PullResponse } from '@shared/sync';
import { aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
afterEach(() => db?.close());

const at = (minute: number) => checkpointAt(`2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`);
const page = (items: PullResponse['items'], minute: number, extra: Partial<PullResponse> = {}): PullResponse => ({
  items,
  quarantined: [],
  checkpoint: at(minute),
  hasMore: false,
  resyncRequired: false,
  consumedReadUnits: 0.5,
  ...extra,
});

async function startedAt(minute: number) {
  await db.checkpoints.put({ id: 'delta:bookings', checkpoint: at(minute) });
}

describe('downstream pull', () => {
  it('applies pages with their checkpoints; older or equal versions change nothing', async () => {
    db = await freshDb();
    await startedAt(0);
    const pages = [
      page([aServerBooking(2, { status: 'confirmed' })], 1, { hasMore: true }),
      page([aServerBooking(1), aServerBooking(2, { status: 'confirmed' })], 2),
    ];
    const { api, calls } = fakeMain({ 'sync.pull': () => pages.shift() as PullResponse });
    expect(await pullEntity(db, api, 'bookings')).toMatchObject({ changed: 1, pages: 2 });
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'confirmed', version: 2 });
    expect(await db.checkpoints.get('delta:bookings')).toEqual({ id: 'delta:bookings', checkpoint: at(2) });
    // The second page was asked for with the first page's checkpoint.
    expect((calls[1]?.input as { checkpoint: unknown }).checkpoint).toEqual(at(1));
  });

  it('keeps the checkpoint where it was when a page cannot be applied', async () => {
    db = await freshDb();
    await startedAt(0);
    await db.bases.put({ entity: 'bookings', key: 'b-1', item: aServerBooking(1) });
    // A failing page (the store refuses the write): nothing of it, and not its checkpoint, is kept.
    db.bookings.hook('creating', () => {
      throw new Error('disk full');
    });
    const { api } = fakeMain({ 'sync.pull': () => page([aServerBooking(2, { bookingId: 'b-9' })], 5) });
    await expect(pullEntity(db, api, 'bookings')).rejects.toThrow('disk full');
    expect(await db.checkpoints.get('delta:bookings')).toEqual({ id: 'delta:bookings', checkpoint: at(0) });
    expect(await db.bases.get(['bookings', 'b-9'])).toBeUndefined();
  });

  it('rebases pending edits on a newer server version, and drops those the server already holds', async () => {
    db = await freshDb();
    await startedAt(0);
    const me = await clientIdOf(db);
    await db.bases.put({ entity: 'bookings', key: 'b-1', item: aServerBooking(1) });
    await db.bookings.put(aServerBooking(1) as never);
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice'); // seq 1, already on the server below
    await updateItem(db, 'bookings', 'b-1', { details: { notes: 'mine' } }, 'alice'); // seq 2, still pending
    const server = aServerBooking(3, { status: 'confirmed', bookingTime: '15:00', clientSeq: { [me]: 1 } });
    const { api } = fakeMain({ 'sync.pull': () => page([server], 1) });
    await pullEntity(db, api, 'bookings');
    // Their change and my pending intent, together on screen.
    expect(await db.bookings.get('b-1')).toMatchObject({ bookingTime: '15:00', status: 'confirmed', details: { notes: 'mine' } });
    expect((await db.outbox.toArray()).map((entry) => entry.seq)).toEqual([2]);
    expect((await db.bases.get(['bookings', 'b-1']))?.item).toEqual(server);
  });

  it('removes a deleted item for good: an older live copy never brings it back', async () => {
    db = await freshDb();
    await startedAt(0);
    await db.bases.put({ entity: 'bookings', key: 'b-1', item: aServerBooking(1) });
    await db.bookings.put(aServerBooking(1) as never);
    const tombstone = { bookingId: 'b-1', version: 2, updatedAt: '2026-11-02T10:00:09.000Z', deleted: true, expiresAt: 2_000_000_000, syncBucket: 1 };
    const pages = [page([tombstone], 1), page([aServerBooking(1)], 2)];
    const { api } = fakeMain({ 'sync.pull': () => pages.shift() as PullResponse });
    await pullEntity(db, api, 'bookings');
    await pullEntity(db, api, 'bookings');
    expect(await db.bookings.get('b-1')).toBeUndefined();
    expect((await db.bases.get(['bookings', 'b-1']))?.item).toEqual(tombstone);
  });

  it('quarantines an item that does not fit the schema and applies the rest of the page', async () => {
    db = await freshDb();
    await startedAt(0);
    const bad = { ...aServerBooking(1, { bookingId: 'b-bad' }), bookingDate: '2026-02-30' };
    const { api } = fakeMain({ 'sync.pull': () => page([bad, aServerBooking(1, { bookingId: 'b-ok' })], 1, { quarantined: [{ key: 'b-main', reason: 'seen by main', item: {} }] }) });
    await pullEntity(db, api, 'bookings');
    expect(await db.bookings.get('b-ok')).toBeDefined();
    expect(await db.bookings.get('b-bad')).toBeUndefined();
    expect((await db.quarantine.toArray()).map((record) => [record.key, record.reason.split(':')[0]])).toEqual([
      ['b-bad', 'bookingDate'],
      ['b-main', 'seen by main'],
    ]);
  });

  it('asks for an initial sync without a checkpoint, and reports a required full resync', async () => {
    db = await freshDb();
    const { api } = fakeMain({ 'sync.pull': () => page([], 1, { resyncRequired: true }) });
    expect(await pullEntity(db, api, 'bookings')).toMatchObject({ needsInitialSync: true });
    await startedAt(0);
    expect(await pullEntity(db, api, 'bookings')).toMatchObject({ resyncRequired: true, changed: 0 });
    expect(await db.checkpoints.get('delta:bookings')).toEqual({ id: 'delta:bookings', checkpoint: at(0) });
  });
});
