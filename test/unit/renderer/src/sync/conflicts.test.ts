import { afterEach, describe, expect, it } from 'vitest';
import { updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { resolveConflict } from '@renderer/sync/conflicts';
import { DEFAULT_PUSH_CONFIG, pushOnce } from '@renderer/sync/upstream';
import { aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
afterEach(() => db?.close());

const theirs = aServerBooking(2, { status: 'cancelled', details: { duration: 90, notes: 'theirs' }, updatedBy: 'bob' });

/** Alice edits status and notes; Bob changed both first: a conflict on both fields. */
async function conflicted(): Promise<number> {
  db = await freshDb();
  await db.bases.put({ entity: 'bookings', key: 'b-1', item: aServerBooking(1) });
  await db.bookings.put(aServerBooking(1) as never);
  await updateItem(db, 'bookings', 'b-1', { status: 'confirmed', details: { notes: 'mine' } }, 'alice');
  const { api } = fakeMain({
    'sync.push': ({ mutations }) => ({
      outcomes: mutations.map((m) => ({ seq: m.seq, status: 'conflict' as const, reason: 'fields' as const, server: theirs, paths: [['status'], ['details', 'notes']] as [string, string?][] as never })),
    }),
  });
  await pushOnce(db, api, DEFAULT_PUSH_CONFIG);
  return (await db.conflicts.toArray())[0]?.seq ?? -1;
}

describe('conflict resolution', () => {
  it('keep mine: a new mutation on top of their version, with their values as its base', async () => {
    const seq = await conflicted();
    const mutation = await resolveConflict(db, seq, { kind: 'mine' }, 'alice');
    expect(mutation).toMatchObject({
      kind: 'update',
      expected: { version: 2, updatedAt: theirs.updatedAt },
      changes: expect.arrayContaining([
        { op: 'set', path: ['status'], value: 'confirmed', base: 'cancelled' },
        { op: 'set', path: ['details', 'notes'], value: 'mine', base: 'theirs' },
      ]),
    });
    expect(await db.conflicts.count()).toBe(0);
    expect((await db.outbox.toArray()).map((entry) => entry.state)).toEqual(['pending']);
    // Their other change (duration) stays.
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'confirmed', details: { duration: 90, notes: 'mine' } });
  });

  it('keep theirs: my mutation is dropped and the screen shows their version', async () => {
    const seq = await conflicted();
    expect(await resolveConflict(db, seq, { kind: 'theirs' }, 'alice')).toBeNull();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'cancelled', details: { notes: 'theirs' } });
  });

  it('a merged value: only what differs from theirs is written', async () => {
    const seq = await conflicted();
    const mutation = await resolveConflict(db, seq, { kind: 'merged', patch: { status: 'confirmed' } }, 'alice');
    expect(mutation?.kind === 'update' && mutation.changes).toEqual([{ op: 'set', path: ['status'], value: 'confirmed', base: 'cancelled' }]);
  });

  it('refuses to resolve against a version the user has not seen, and shows the newer one', async () => {
    const seq = await conflicted();
    const newer = { ...theirs, version: 3, updatedAt: '2026-11-02T10:00:09.000Z', status: 'completed' };
    await db.bases.put({ entity: 'bookings', key: 'b-1', item: newer });
    await expect(resolveConflict(db, seq, { kind: 'mine' }, 'alice')).rejects.toMatchObject({ code: 'stale' });
    expect(await db.conflicts.get(seq)).toMatchObject({ theirs: newer });
    expect(await resolveConflict(db, seq, { kind: 'mine' }, 'alice')).toMatchObject({ expected: { version: 3 } });
  });
});
