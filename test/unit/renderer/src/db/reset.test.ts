import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createItem, exportOutbox, resetLocalData, ResetRefusedError, unpushedChanges, type PilotForceDb } from '@renderer/db';
import { aUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';

let db: PilotForceDb;
afterEach(() => db.close());

describe('resetLocalData', () => {
  it('counts every outbox state as not on the server: pending, in flight, conflicts, rejected', async () => {
    db = await freshDb();
    for (const id of ['u-1', 'u-2', 'u-3', 'u-4']) await createItem(db, 'users', aUser({ userId: id }), 'Sam Staff');
    await db.outbox.update(2, { state: 'in-flight' });
    await db.outbox.update(3, { state: 'parked-conflict' });
    await db.outbox.update(4, { state: 'parked-rejected' });
    expect(await unpushedChanges(db)).toEqual({ pending: 1, 'in-flight': 1, 'parked-conflict': 1, 'parked-rejected': 1, total: 4, fingerprint: '1:pending,2:in-flight,3:parked-conflict,4:parked-rejected' });
    await expect(resetLocalData(db, null)).rejects.toThrow(new ResetRefusedError('This desk has changes the server does not have yet: let them sync, or export them first.'));
    expect(await Dexie.exists(db.name)).toBe(true);
  });

  it('deletes only what was exported: a change made after the export refuses the reset', async () => {
    db = await freshDb();
    await createItem(db, 'users', aUser({ userId: 'u-1' }), 'Sam Staff');
    const { changes } = await exportOutbox(db);
    await createItem(db, 'users', aUser({ userId: 'u-2' }), 'Sam Staff');
    await expect(resetLocalData(db, changes.fingerprint)).rejects.toThrow('The unsent changes changed after the export: export them again, then reset.');
    expect(await db.users.count()).toBe(2);

    const again = await exportOutbox(db);
    await resetLocalData(db, again.changes.fingerprint);
    expect(await Dexie.exists(db.name)).toBe(false);
  });
});
