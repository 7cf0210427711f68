import { afterEach, describe, expect, it } from 'vitest';
import { createItem, deleteItem, updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { acceptedItemOf, acceptServerItems, serverCopyOf } from '@renderer/db/server-copy';
import { dropFromOutbox, entriesOf } from '@renderer/db/view';
import type { ServerItem } from '@shared/sync';
import { aBooking, aServerAsset, aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';

let db: PilotForceDb;
afterEach(() => db?.close());

const accept = (items: ServerItem[], entity: 'bookings' | 'assets' = 'bookings') =>
  db.transaction('rw', [db.items(entity), db.bases, db.outbox], () =>
    acceptServerItems(db, entity, items.map((item) => acceptedItemOf(entity, String(item[entity === 'bookings' ? 'bookingId' : 'assetId']), item))),
  );

describe('server copies, one record per item where the view stands for it', () => {
  it('keeps a server item with nothing pending as its view alone, and takes only newer versions', async () => {
    db = await freshDb();
    expect(await accept([aServerBooking(2)])).toEqual(['b-1']);
    expect(await db.bases.count()).toBe(0);
    expect(await serverCopyOf(db, 'bookings', 'b-1')).toEqual(aServerBooking(2));
    // An older copy (a re-read overlap) changes nothing; a newer one replaces the view.
    expect(await accept([aServerBooking(1, { status: 'cancelled' })])).toEqual([]);
    expect(await db.bookings.get('b-1')).toMatchObject({ version: 2 });
    expect(await accept([aServerBooking(3, { status: 'confirmed' })])).toEqual(['b-1']);
    expect(await db.bookings.get('b-1')).toMatchObject({ version: 3, status: 'confirmed' });
    expect(await db.bases.count()).toBe(0);
  });

  it('keeps a base record where the view cannot stand for the item: a default filled in, a tombstone', async () => {
    db = await freshDb();
    const { tags: _tags, ...untagged } = aServerAsset(1);
    await accept([untagged as ServerItem], 'assets');
    expect(await db.assets.get('a-1')).toMatchObject({ tags: [] });
    expect(await serverCopyOf(db, 'assets', 'a-1')).toEqual(untagged);

    await accept([aServerBooking(1)]);
    const tombstone = { bookingId: 'b-1', version: 2, updatedAt: '2026-11-02T10:00:02.000Z', deleted: true };
    await accept([tombstone]);
    expect(await db.bookings.get('b-1')).toBeUndefined();
    expect(await serverCopyOf(db, 'bookings', 'b-1')).toEqual(tombstone);
    // The older live copy never comes back.
    expect(await accept([aServerBooking(1)])).toEqual([]);
    expect(await db.bookings.get('b-1')).toBeUndefined();
  });

  it('gives an item a base record at its first edit, rebases newer copies under it, and drops the record once nothing is pending', async () => {
    db = await freshDb();
    await accept([aServerBooking(1)]);
    await updateItem(db, 'bookings', 'b-1', { details: { notes: 'mine' } }, 'alice');
    expect((await db.bases.get(['bookings', 'b-1']))?.item).toEqual(aServerBooking(1));
    // Another desk's change of another field arrives: the view is theirs with my pending note on top.
    await accept([aServerBooking(2, { status: 'confirmed' })]);
    expect(await db.bookings.get('b-1')).toMatchObject({ version: 2, status: 'confirmed', details: { notes: 'mine' } });
    expect(await serverCopyOf(db, 'bookings', 'b-1')).toMatchObject({ version: 2, status: 'confirmed' });
    // My change written (version 3 records my sequence): acknowledged, one record again.
    const [entry] = await db.outbox.toArray();
    const written = aServerBooking(3, { status: 'confirmed', details: { notes: 'mine' }, clientSeq: { [entry?.mutation.clientId ?? '']: entry?.mutation.seq ?? 0 } });
    await accept([written]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.bases.count()).toBe(0);
    expect(await serverCopyOf(db, 'bookings', 'b-1')).toEqual(written);
  });

  it('keeps the base record while a parked change waits, and for a local delete', async () => {
    db = await freshDb();
    await accept([aServerBooking(1), aServerBooking(1, { bookingId: 'b-2' })]);
    await deleteItem(db, 'bookings', 'b-2', 'alice');
    expect(await db.bookings.get('b-2')).toBeUndefined();
    expect(await serverCopyOf(db, 'bookings', 'b-2')).toEqual(aServerBooking(1, { bookingId: 'b-2' }));
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    const [entry] = await entriesOf(db, 'bookings', 'b-1');
    await db.outbox.update(entry?.seq ?? 0, { state: 'parked-rejected' });
    await accept([aServerBooking(2, { bookingId: 'b-1', details: { notes: 'theirs' } })]);
    // The parked change is not shown; the server's copy stays apart for when it is resolved.
    expect(await db.bookings.get('b-1')).toMatchObject({ version: 2, status: aServerBooking(2).status, details: { notes: 'theirs' } });
    expect((await db.bases.get(['bookings', 'b-1']))?.item).toMatchObject({ version: 2 });
  });

  it('drops an item created here with its last mutation when the user drops it, and shows the server copy again otherwise', async () => {
    db = await freshDb();
    const created = await createItem(db, 'bookings', aBooking({ bookingId: 'b-new' }), 'alice');
    await accept([aServerBooking(1)]);
    const edit = await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    await db.transaction('rw', [db.bookings, db.bases, db.outbox], async () => {
      await dropFromOutbox(db, 'bookings', 'b-new', [created.seq]);
      await dropFromOutbox(db, 'bookings', 'b-1', [edit?.seq ?? 0]);
    });
    expect(await db.bookings.get('b-new')).toBeUndefined();
    expect(await db.bookings.get('b-1')).toEqual(aServerBooking(1));
    expect(await db.bases.count()).toBe(0);
  });
});
