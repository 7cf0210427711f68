import { afterEach, describe, expect, it } from 'vitest';
import { createItem, updateItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { serverCopyOf } from '@renderer/db/server-copy';
import { DEFAULT_PUSH_CONFIG, pushOnce, type PushConfig } from '@renderer/sync/upstream';
import type { Mutation, PushOutcome } from '@shared/sync';
import { aBooking, aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
afterEach(() => db?.close());

const config: PushConfig = { ...DEFAULT_PUSH_CONFIG, backoff: { baseMs: 1000, maxMs: 60_000 }, random: () => 0.5, now: () => 1_000_000 };

async function withServerBooking(key: string, version = 1) {
  const item = aServerBooking(version, { bookingId: key });
  await db.bases.put({ entity: 'bookings', key, item });
  await db.bookings.put(item as never);
}

/** Main answering each pushed mutation by a rule. */
function pushing(rule: (mutation: Mutation) => PushOutcome) {
  return fakeMain({ 'sync.push': ({ mutations }) => ({ outcomes: mutations.map((mutation) => rule(mutation as Mutation)) }) });
}

describe('upstream push', () => {
  it('parks a rejected and a conflicted mutation and pushes the rest; later mutations of the conflicted item stay queued in order', async () => {
    db = await freshDb();
    await withServerBooking('b-1');
    await withServerBooking('b-2');
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice'); // seq 1: rejected
    await updateItem(db, 'bookings', 'b-2', { status: 'confirmed' }, 'alice'); // seq 2: conflict
    await updateItem(db, 'bookings', 'b-2', { bookingTime: '12:00' }, 'alice'); // seq 3: blocked behind it
    await createItem(db, 'bookings', aBooking({ bookingId: 'b-3' }), 'alice'); // seq 4: applied
    const theirs = aServerBooking(2, { bookingId: 'b-2', status: 'cancelled', updatedBy: 'bob' });
    const { api } = pushing((mutation) => {
      if (mutation.seq === 1) return { seq: 1, status: 'rejected', reason: 'item too large' };
      if (mutation.seq === 2) return { seq: 2, status: 'conflict', reason: 'fields', server: theirs, paths: [['status']] };
      if (mutation.seq === 3) return { seq: 3, status: 'blocked', after: 2 };
      return { seq: mutation.seq, status: 'applied', alreadyApplied: false, item: aServerBooking(1, { bookingId: 'b-3' }) };
    });
    const report = await pushOnce(db, api, config);
    expect(report).toMatchObject({ sent: 4, acknowledged: 1, rejected: 1, conflicts: [expect.objectContaining({ seq: 2 })] });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((entry) => [entry.seq, entry.state])).toEqual([
      [1, 'parked-rejected'],
      [2, 'parked-conflict'],
      [3, 'pending'],
    ]);
    expect(outbox[0]?.lastError).toBe('item too large');
    // The conflict is kept with both sides and who; the screen shows theirs with my other pending edit on top.
    expect(await db.conflicts.get(2)).toMatchObject({ theirsBy: 'bob', mine: expect.objectContaining({ seq: 2 }), paths: [['status']] });
    expect(await db.bookings.get('b-2')).toMatchObject({ status: 'cancelled', bookingTime: '12:00' });
    expect(await db.bookings.get('b-3')).toMatchObject({ version: 1 });

    // The next push sends only the queued one: parked mutations never block it.
    const next = pushing((mutation) => ({ seq: mutation.seq, status: 'merged', item: { ...theirs, version: 3, bookingTime: '12:00' } }));
    await pushOnce(db, next.api, config);
    expect(next.calls.map((call) => (call.input as { mutations: Mutation[] }).mutations.map((m) => m.seq))).toEqual([[3]]);
  });

  it('keeps every mutation queued, in order, when the call fails, and backs off', async () => {
    db = await freshDb();
    await withServerBooking('b-1');
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    await updateItem(db, 'bookings', 'b-1', { bookingTime: '09:00' }, 'alice');
    const offline = fakeMain({ 'sync.push': () => 'offline' });
    const report = await pushOnce(db, offline.api, config);
    expect(report.failure?.offline).toBe(true);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((entry) => [entry.seq, entry.state, entry.attempts])).toEqual([
      [1, 'pending', 1],
      [2, 'pending', 1],
    ]);
    // Backoff with jitter: at least half the base delay, in the future.
    expect(outbox[0]?.notBefore).toBeGreaterThanOrEqual(config.now() + 500);
    expect(report.nextRetryAt).toBe(outbox[0]?.notBefore);
    // In backoff, nothing is sent.
    const again = fakeMain({ 'sync.push': () => ({ outcomes: [] }) });
    expect(await pushOnce(db, again.api, config)).toMatchObject({ sent: 0 });
    expect(again.calls).toEqual([]);
  });

  it('moves the item\'s next mutations onto the version an exact write produced, but not after a merge', async () => {
    db = await freshDb();
    await withServerBooking('b-1');
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    await updateItem(db, 'bookings', 'b-1', { bookingTime: '09:00' }, 'alice');
    const written = aServerBooking(2, { status: 'confirmed' });
    const { api } = pushing((mutation) =>
      mutation.seq === 1
        ? { seq: 1, status: 'applied', alreadyApplied: false, item: written }
        : { seq: mutation.seq, status: 'retry', reason: 'throttled', retryAfterMs: 10 },
    );
    await pushOnce(db, api, config);
    const [next] = await db.outbox.toArray();
    expect(next?.mutation).toMatchObject({ seq: 2, expected: { version: 2, updatedAt: written.updatedAt } });
    expect(next?.state).toBe('pending');
  });

  it('pushes again what was in flight when the app was killed (main answers "already applied" for what had landed)', async () => {
    db = await freshDb();
    await withServerBooking('b-1');
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    await db.outbox.update(1, { state: 'in-flight', attempts: 1 });
    const landed = aServerBooking(2, { status: 'confirmed' });
    const { api, calls } = pushing((mutation) => ({ seq: mutation.seq, status: 'applied', alreadyApplied: true, item: landed }));
    expect(await pushOnce(db, api, config)).toMatchObject({ sent: 1, acknowledged: 1 });
    expect(calls).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'confirmed', version: 2 });
  });

  it('splits a large batch into calls of whole items, a few in flight, and settles each call; one failed call leaves only its own mutations queued', async () => {
    db = await freshDb();
    for (const key of ['b-1', 'b-2', 'b-3']) await withServerBooking(key);
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice'); // seq 1
    await updateItem(db, 'bookings', 'b-2', { status: 'confirmed' }, 'alice'); // seq 2
    await updateItem(db, 'bookings', 'b-1', { bookingTime: '09:00' }, 'alice'); // seq 3: same call as seq 1, after it
    await updateItem(db, 'bookings', 'b-3', { status: 'confirmed' }, 'alice'); // seq 4
    let inFlight = 0;
    let mostInFlight = 0;
    const { api, calls } = fakeMain({
      'sync.push': async ({ mutations }) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 0));
        inFlight -= 1;
        // A dropped connection: the transport throws, which the client takes as offline.
        if (mutations.some((mutation) => mutation.key === 'b-2')) throw new Error('connection dropped');
        return { outcomes: mutations.map((mutation) => ({ seq: mutation.seq, status: 'applied' as const, alreadyApplied: true, item: aServerBooking(2, { bookingId: mutation.key }) })) };
      },
    });
    const report = await pushOnce(db, api, { ...config, batchSize: 2, callsInFlight: 2 });
    const sentSeqs = calls.map((call) => (call.input as { mutations: Mutation[] }).mutations.map((m) => m.seq));
    expect(sentSeqs.sort()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(mostInFlight).toBe(2);
    expect(report).toMatchObject({ sent: 4, acknowledged: 2 });
    expect(report.failure?.offline).toBe(true);
    expect((await db.outbox.toArray()).map((entry) => [entry.seq, entry.state])).toEqual([
      [2, 'pending'],
      [4, 'pending'],
    ]);
  });

  it('keeps a newer base a pull brought meanwhile when a lone mutation is acknowledged, and shows that base', async () => {
    db = await freshDb();
    await withServerBooking('b-1');
    await updateItem(db, 'bookings', 'b-1', { status: 'confirmed' }, 'alice');
    const pulled = aServerBooking(3, { status: 'completed', updatedBy: 'bob' });
    const { api } = fakeMain({
      'sync.push': async ({ mutations }) => {
        // While the call is out, a pull lands version 3 (written on top of this mutation's version 2).
        await db.bases.put({ entity: 'bookings', key: 'b-1', item: pulled });
        return {
          outcomes: mutations.map((mutation) => ({ seq: mutation.seq, status: 'applied' as const, alreadyApplied: false, item: aServerBooking(2, { status: 'confirmed' }) })),
        };
      },
    });
    expect(await pushOnce(db, api, config)).toMatchObject({ sent: 1, acknowledged: 1 });
    expect(await db.outbox.count()).toBe(0);
    expect(await serverCopyOf(db, 'bookings', 'b-1')).toMatchObject({ version: 3 });
    expect(await db.bookings.get('b-1')).toMatchObject({ status: 'completed', version: 3 });
    // Nothing pending: the view alone holds the server's copy.
    expect(await db.bases.count()).toBe(0);
  });
});
