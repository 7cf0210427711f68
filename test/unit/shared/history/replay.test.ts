import { describe, expect, it } from 'vitest';
import { entryForMutation } from '@shared/history/entry';
import { replayEntry } from '@shared/history/replay';
import { syncBucketOf } from '@shared/tables';

const at = (n: number) => `2026-12-01T10:00:0${n}.000Z`;

describe('replaying history entries', () => {
  it('rebuilds each version of an item from its entries: create, update of a map key, delete', () => {
    const created = replayEntry(null, entryForMutation({ clientId: 'd1', seq: 1, entity: 'bookings', key: 'bk-1', updatedBy: 'Sam', kind: 'create', item: { bookingId: 'bk-1', status: 'pending', paymentInfo: { amount: { $n: '12.50' } } } }, { version: 1, updatedAt: at(1), updatedBy: 'Sam' }, 'desk'));
    expect(created).toEqual({ bookingId: 'bk-1', status: 'pending', paymentInfo: { amount: 12.5 }, version: 1, updatedAt: at(1), updatedBy: 'Sam', clientSeq: { d1: 1 }, syncBucket: syncBucketOf('bk-1'), createdAt: at(1) });
    const updated = replayEntry(
      created,
      entryForMutation({ clientId: 'd2', seq: 4, entity: 'bookings', key: 'bk-1', updatedBy: 'Ann', kind: 'update', expected: { version: 1, updatedAt: at(1) }, changes: [{ op: 'set', path: ['details', 'notes'], value: 'hi' }, { op: 'remove', path: ['status'], base: 'pending' }] }, { version: 2, updatedAt: at(2), updatedBy: 'Ann' }, 'desk'),
    );
    expect(updated).toMatchObject({ details: { notes: 'hi' }, version: 2, updatedBy: 'Ann', clientSeq: { d1: 1, d2: 4 } });
    expect(updated).not.toHaveProperty('status');
    const deleted = replayEntry(updated, entryForMutation({ clientId: 'd1', seq: 2, entity: 'bookings', key: 'bk-1', updatedBy: 'Sam', kind: 'delete', expected: { version: 2, updatedAt: at(2) } }, { version: 3, updatedAt: at(3), updatedBy: 'Sam' }, 'desk', updated, 99));
    expect(deleted).toEqual({ bookingId: 'bk-1', version: 3, updatedAt: at(3), updatedBy: 'Sam', clientSeq: { d1: 2, d2: 4 }, syncBucket: syncBucketOf('bk-1'), deleted: true, expiresAt: 99 });
  });
});
