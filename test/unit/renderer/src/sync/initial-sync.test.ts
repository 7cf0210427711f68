import { afterEach, describe, expect, it } from 'vitest';
import { updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { initialSync, type InitialSyncProgress } from '@renderer/sync/initial-sync';
import { checkpointAt, type ScanRequest, type ScanResponse } from '@shared/sync';
import { aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
afterEach(() => db?.close());

const CHECKPOINT = checkpointAt('2026-11-02T11:00:00.000Z');
const booking = (n: number) => aServerBooking(1, { bookingId: `b-${n}` });

/** Two segments of three pages each: segment s, page p holds booking s*10+p. */
function table(failAt?: { segment: number; page: number }) {
  let failed = false;
  return (input: ScanRequest): ScanResponse => {
    const page = input.exclusiveStartKey ? Number(input.exclusiveStartKey.bookingId?.split('-')[1]) % 10 + 1 : 0;
    if (failAt && !failed && input.segment === failAt.segment && page === failAt.page) {
      failed = true;
      throw new Error('the app was closed');
    }
    const n = input.segment * 10 + page;
    return { items: [booking(n)], quarantined: [], lastEvaluatedKey: page < 2 ? { bookingId: `b-${n}` } : null, consumedReadUnits: 0.5 };
  };
}

describe('initial sync', () => {
  it('takes the checkpoint first, reads every segment, then hands over to the delta pull', async () => {
    db = await freshDb();
    const progress: InitialSyncProgress[] = [];
    const { api, calls } = fakeMain({ 'sync.checkpoint': () => ({ checkpoint: CHECKPOINT }), 'sync.scan': table() });
    // Both segments apply pages side by side: every item they changed is counted.
    expect(await initialSync(db, api, 'bookings', { totalSegments: 2, onProgress: (p) => progress.push(p) })).toBe(6);
    expect(calls[0]?.name).toBe('sync.checkpoint');
    expect((await db.bookings.toCollection().primaryKeys()).sort()).toEqual(['b-0', 'b-1', 'b-10', 'b-11', 'b-12', 'b-2']);
    // One record per item: nothing is pending, so each view is the server's copy itself.
    expect(await db.bases.count()).toBe(0);
    expect(await db.checkpoints.get('delta:bookings')).toEqual({ id: 'delta:bookings', checkpoint: CHECKPOINT });
    expect(await db.checkpoints.get('scan:bookings')).toBeUndefined();
    expect(progress.at(-1)).toMatchObject({ entity: 'bookings', items: 6, segmentsDone: 2, totalSegments: 2 });
    expect(progress.at(-1)?.segments.map((segment) => segment.done)).toEqual([true, true]);
    expect(progress.at(-1)?.segments.reduce((sum, segment) => sum + segment.items, 0)).toBe(6);
  });

  it('resumes after a crash from each segment\'s stored position, with the checkpoint taken before the crash', async () => {
    db = await freshDb();
    const crashing = fakeMain({ 'sync.checkpoint': () => ({ checkpoint: CHECKPOINT }), 'sync.scan': table({ segment: 1, page: 1 }) });
    await expect(initialSync(db, crashing.api, 'bookings', { totalSegments: 2 })).rejects.toThrow();
    expect(await db.checkpoints.get('delta:bookings')).toBeUndefined();

    const resumed = fakeMain({ 'sync.checkpoint': () => ({ checkpoint: checkpointAt('2026-11-02T12:00:00.000Z') }), 'sync.scan': table() });
    await initialSync(db, resumed.api, 'bookings', { totalSegments: 2 });
    // No new checkpoint, and segment 1 continued after its first page instead of starting over.
    expect(resumed.calls.map((call) => call.name)).not.toContain('sync.checkpoint');
    const segmentOneStarts = resumed.calls.filter((call) => (call.input as ScanRequest).segment === 1).map((call) => (call.input as ScanRequest).exclusiveStartKey);
    expect(segmentOneStarts[0]).toEqual({ bookingId: 'b-10' });
    expect(await db.bookings.count()).toBe(6);
    expect(await db.checkpoints.get('delta:bookings')).toEqual({ id: 'delta:bookings', checkpoint: CHECKPOINT });
  });

  it('a full resync removes items the table no longer has, but keeps pending edits and tombstones', async () => {
    db = await freshDb();
    // Items kept as their view alone, and one kept with a base record too (its view differs: a default filled in).
    for (const n of [0, 50, 51]) await db.bookings.put(booking(n) as never);
    const { clientSeq: _clientSeq, ...withoutClientSeq } = booking(52);
    await db.bases.put({ entity: 'bookings', key: 'b-52', item: withoutClientSeq });
    await db.bookings.put(booking(52) as never);
    await db.bases.put({ entity: 'bookings', key: 'b-60', item: { bookingId: 'b-60', version: 2, updatedAt: '2026-11-01T00:00:00.000Z', deleted: true } });
    await updateItem(db, 'bookings', 'b-51', { status: 'confirmed' }, 'alice');
    const { api } = fakeMain({ 'sync.checkpoint': () => ({ checkpoint: CHECKPOINT }), 'sync.scan': table() });
    await initialSync(db, api, 'bookings', { totalSegments: 2, fullResync: true });
    expect(await db.bookings.get('b-50')).toBeUndefined();
    expect(await db.bookings.get('b-52')).toBeUndefined();
    expect(await db.bases.get(['bookings', 'b-52'])).toBeUndefined();
    expect(await db.scanMarks.count()).toBe(0);
    expect(await db.bookings.get('b-51')).toMatchObject({ status: 'confirmed' });
    expect(await db.outbox.count()).toBe(1);
    expect(await db.bases.get(['bookings', 'b-60'])).toBeDefined();
    expect(await db.bookings.get('b-0')).toBeDefined();
  });
});
