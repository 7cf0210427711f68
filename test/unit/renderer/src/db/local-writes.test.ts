import { afterEach, describe, expect, it } from 'vitest';
import { createItem, deleteItem, LocalWriteError, updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { aBooking, aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';

let db: PilotForceDb;
afterEach(() => db?.close());

describe('local writes', () => {
  it('writes the item and its outbox entry together, with growing sequences', async () => {
    db = await freshDb();
    await createItem(db, 'bookings', aBooking({ details: { notes: 'first lesson' } }), 'alice');
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'confirmed', details: { notes: 'first lesson' } });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((entry) => [entry.seq, entry.mutation.kind, entry.state])).toEqual([
      [1, 'create', 'pending'],
      [2, 'update', 'pending'],
    ]);
  });

  it('writes nothing when the input does not fit the schema', async () => {
    db = await freshDb();
    await expect(createItem(db, 'bookings', { ...aBooking(), bookingTime: '25:00' }, 'alice')).rejects.toMatchObject({
      code: 'invalid',
      issues: [expect.stringContaining('bookingTime')],
    });
    expect(await db.bookings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    await createItem(db, 'bookings', aBooking(), 'alice');
    await expect(updateItem(db, 'bookings', 'b-1', { status: 'lost' }, 'alice')).rejects.toBeInstanceOf(LocalWriteError);
    await expect(updateItem(db, 'bookings', 'b-1', { version: 7 }, 'alice')).rejects.toMatchObject({ code: 'invalid' });
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'pending' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('rolls the item back when the outbox write fails', async () => {
    db = await freshDb();
    await db.outbox.add({ seq: 1, entity: 'users', key: 'x', mutation: null as never, state: 'pending', attempts: 0, lastError: null, notBefore: 0, createdAt: '' });
    // The sequence counter starts at 1, which is taken: the outbox add fails inside the transaction.
    await expect(createItem(db, 'bookings', aBooking(), 'alice')).rejects.toThrow();
    expect(await db.bookings.get('b-1')).toBeUndefined();
  });

  it('records only the changed fields, one level into maps, with their base values', async () => {
    db = await freshDb();
    const server = aServerBooking(3, { details: { notes: 'first lesson' } });
    await db.bases.put({ entity: 'bookings', key: 'b-1', item: server });
    await db.bookings.put(server as never);
    const mutation = await updateItem(db, 'bookings', 'b-1', { details: { notes: 'moved' }, status: 'confirmed' }, 'alice');
    expect(mutation).toMatchObject({
      kind: 'update',
      expected: { version: 3, updatedAt: '2026-11-02T10:00:03.000Z' },
      changes: [
        { op: 'set', path: ['status'], value: 'confirmed', base: 'pending' },
        { op: 'set', path: ['details', 'notes'], value: 'moved', base: 'first lesson' },
      ],
    });
    // Untouched fields keep their values: no nulls written over them.
    expect(await db.bookings.get('b-1')).toMatchObject({ details: { duration: 60, notes: 'moved' }, userId: 'u-1' });

    const removal = await updateItem(db, 'bookings', 'b-1', { details: { duration: undefined } }, 'alice');
    expect(removal?.kind === 'update' && removal.changes).toEqual([{ op: 'remove', path: ['details', 'duration'], base: 60 }]);
    expect(await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice')).toBeNull();
  });

  it('deletes locally and refuses to reuse the key of a deleted item', async () => {
    db = await freshDb();
    await db.bases.put({ entity: 'bookings', key: 'b-1', item: aServerBooking(2) });
    await db.bookings.put(aServerBooking(2) as never);
    await deleteItem(db, 'bookings', 'b-1', 'alice');
    expect(await db.bookings.get('b-1')).toBeUndefined();
    expect((await db.outbox.toArray())[0]?.mutation).toMatchObject({ kind: 'delete', expected: { version: 2 } });
    await expect(createItem(db, 'bookings', aBooking(), 'alice')).rejects.toMatchObject({ code: 'exists' });
    await expect(updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('creates an asset only with a MIME type that fits its type, and never edits either', async () => {
    db = await freshDb();
    const asset = { assetId: 'a-1', assetType: 'image', fileName: 'x.png', s3Key: 'users/u-1/a-1/x.png', mimeType: 'image/png', size: 10, userId: 'u-1', createdAt: '2026-11-01T10:00:00.000Z' };
    await expect(createItem(db, 'assets', { ...asset, mimeType: 'text/html' }, 'alice')).rejects.toMatchObject({ code: 'invalid', issues: [expect.stringMatching(/^mimeType: An image asset is .*, not text\/html\.$/)] });
    expect(await db.assets.count()).toBe(0);
    await createItem(db, 'assets', asset, 'alice');
    await expect(updateItem(db, 'assets', 'a-1', { mimeType: 'text/html' }, 'alice')).rejects.toMatchObject({ code: 'invalid', issues: [expect.stringContaining('mimeType: An image asset')] });
    await expect(updateItem(db, 'assets', 'a-1', { mimeType: 'image/jpeg' }, 'alice')).rejects.toMatchObject({
      code: 'invalid',
      issues: ["mimeType is the uploaded file's and cannot be edited; upload the file again"],
    });
    expect(await db.assets.get('a-1')).toMatchObject({ mimeType: 'image/png' });
    expect(await db.outbox.count()).toBe(1);
    expect(await updateItem(db, 'assets', 'a-1', { tags: ['runway'] }, 'alice')).toMatchObject({ kind: 'update' });
  });
});
