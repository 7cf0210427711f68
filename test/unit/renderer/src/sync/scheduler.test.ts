import { afterEach, describe, expect, it } from 'vitest';
import { createItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { awaitInSync } from '@renderer/sync/in-sync';
import { SyncClient, type SyncStatus } from '@renderer/sync/scheduler';
import { DEFAULT_PUSH_CONFIG } from '@renderer/sync/upstream';
import { checkpointAt, type Mutation } from '@shared/sync';
import { aBooking, aServerBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
let client: SyncClient | undefined;
afterEach(() => {
  client?.stop();
  db?.close();
});

/** A main that accepts every push and has nothing new to pull. */
function healthyMain(onPush: () => void | Promise<void> = () => undefined, answers: Parameters<typeof fakeMain>[0] = {}) {
  return fakeMain({
    'sync.push': async ({ mutations }) => {
      await onPush();
      return { outcomes: mutations.map((m) => ({ seq: m.seq, status: 'applied' as const, alreadyApplied: false, item: aServerBooking(1, { bookingId: (m as Mutation).key }) })) };
    },
    'sync.pull': ({ checkpoint }) => ({ items: [], quarantined: [], checkpoint: checkpoint ?? checkpointAt('2026-11-02T11:00:00.000Z'), hasMore: false, resyncRequired: false, consumedReadUnits: 0.5 }),
    'sync.checkpoint': () => ({ checkpoint: checkpointAt('2026-11-02T11:00:00.000Z') }),
    'sync.scan': () => ({ items: [], quarantined: [], lastEvaluatedKey: null, consumedReadUnits: 0.5 }),
    ...answers,
  });
}

/** Resolves once the condition holds (checked every few ms). */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The first status that satisfies the predicate. */
function statusWhere(sync: SyncClient, predicate: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const stop = sync.subscribe((status) => {
      if (predicate(status)) {
        queueMicrotask(() => stop());
        resolve(status);
      }
    });
  });
}

describe('sync scheduler', () => {
  it('pushes the edits made during a long first sync before the sync ends', async () => {
    db = await freshDb();
    let release!: () => void;
    const scanHeld = new Promise<void>((resolve) => (release = resolve));
    let pushedWhileScanning = false;
    let scanning = false;
    const main = healthyMain(
      () => {
        pushedWhileScanning ||= scanning;
      },
      {
        // No checkpoint yet: every table is read by Scan; the bookings' Scan takes until released.
        'sync.scan': async ({ entity }) => {
          if (entity === 'bookings') {
            scanning = true;
            await scanHeld;
            scanning = false;
          }
          return { items: [], quarantined: [], lastEvaluatedKey: null, consumedReadUnits: 0.5 };
        },
      },
    );
    client = new SyncClient(db, main.api, { debounceMs: 5, intervalMs: 3_600_000, pushDuringPullMs: 20, scanSegments: 1 });
    client.start();
    await waitUntil(() => scanning);
    await createItem(db, 'bookings', aBooking(), 'alice');
    await waitUntil(() => pushedWhileScanning);
    expect(await db.outbox.count()).toBe(0);
    release();
    await statusWhere(client, (status) => status.state === 'idle' && status.lastSyncedAt !== null);
  });

  it('syncs on start and after a local edit, and reports idle with nothing pending', async () => {
    db = await freshDb();
    let pushed!: () => void;
    const pushedOnce = new Promise<void>((resolve) => (pushed = resolve));
    const main = healthyMain(() => pushed());
    client = new SyncClient(db, main.api, { debounceMs: 5, intervalMs: 3_600_000 });
    client.start();
    await statusWhere(client, (status) => status.state === 'idle' && status.lastSyncedAt !== null);
    await createItem(db, 'bookings', aBooking(), 'alice');
    await pushedOnce;
    const status = await statusWhere(client, (s) => s.pending === 0 && s.state === 'idle');
    expect(status).toMatchObject({ conflicts: 0, rejected: 0, error: null });
  });

  it('pulls every few seconds while the desk is in use, and stops pulling unasked while the window is hidden', async () => {
    db = await freshDb();
    const main = healthyMain();
    client = new SyncClient(db, main.api, { debounceMs: 5, intervalMs: 3_600_000, activeIntervalMs: 40 });
    client.start();
    const bookingPulls = () => main.calls.filter((call) => call.name === 'sync.pull' && (call.input as { entity: string }).entity === 'bookings').length;
    await expect.poll(bookingPulls, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 150)); // the cycle already due runs
      const hidden = bookingPulls();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(bookingPulls()).toBe(hidden);
    } finally {
      if (visibility) Object.defineProperty(document, 'visibilityState', visibility);
      else delete (document as { visibilityState?: string }).visibilityState;
    }
  });

  it('syncs the small Resources table first on an empty database, so the settings are there before the rest', async () => {
    db = await freshDb();
    const main = healthyMain();
    client = new SyncClient(db, main.api, { debounceMs: 5, intervalMs: 3_600_000 });
    const report = await client.syncNow();
    expect(report.failure).toBeNull();
    const reads = main.calls.filter((call) => call.name !== 'sync.push').map((call) => (call.input as { entity: string }).entity);
    const lastResources = reads.lastIndexOf('resources');
    const firstOther = reads.findIndex((entity) => entity !== 'resources');
    expect(lastResources).toBeGreaterThanOrEqual(0);
    expect(lastResources).toBeLessThan(firstOther);
    expect(new Set(reads.slice(firstOther))).toEqual(new Set(['users', 'bookings', 'assets']));
    expect(await db.checkpoints.get('delta:resources')).toBeDefined();
  });

  it('is offline, not in error, while main reports no connection, and syncs when it returns', async () => {
    db = await freshDb();
    const main = healthyMain();
    client = new SyncClient(db, main.api, { debounceMs: 5, intervalMs: 3_600_000 });
    client.start();
    await statusWhere(client, (status) => status.state === 'idle');
    main.emit('connectivity.changed', { online: false, checkedAt: new Date().toISOString() });
    await statusWhere(client, (status) => status.state === 'offline');
    await createItem(db, 'bookings', aBooking(), 'alice');
    const pending = await statusWhere(client, (status) => status.pending === 1);
    expect(pending.state).toBe('offline');
    main.emit('connectivity.changed', { online: true, checkedAt: new Date().toISOString() });
    expect(await statusWhere(client, (status) => status.pending === 0 && status.state === 'idle')).toMatchObject({ error: null });
  });

  it('says offline while a push hangs, as soon as main finds DynamoDB not answering, and not while it answers', async () => {
    db = await freshDb();
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    let reachable = true;
    const main = healthyMain(() => hanging, { 'connectivity.check': () => ({ online: reachable, checkedAt: new Date().toISOString() }) });
    await createItem(db, 'bookings', aBooking(), 'alice');
    client = new SyncClient(db, main.api, { debounceMs: 5, intervalMs: 3_600_000, probeAfterMs: 20 });
    client.start();
    await statusWhere(client, (status) => status.state === 'syncing');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(main.calls.filter((call) => call.name === 'connectivity.check').length).toBeGreaterThan(1);
    expect((await statusWhere(client, () => true)).state).toBe('syncing');
    reachable = false;
    expect(await statusWhere(client, (status) => status.state === 'offline')).toMatchObject({ pending: 1, error: null });
    // The push gets its answer after all: the cycle ends, and the next waits for main to say online again.
    release();
    await statusWhere(client, (status) => status.pending === 0 && status.state === 'idle');
  });

  it('awaitInSync waits out a failed call and resolves once the outbox is empty and a pull found nothing', async () => {
    db = await freshDb();
    const main = healthyMain();
    let failures = 2;
    const flaky = {
      ...main.api,
      invoke: ((name, input) => (name === 'sync.push' && failures-- > 0 ? Promise.reject(new Error('socket closed')) : main.api.invoke(name, input))) as typeof main.api.invoke,
    };
    client = new SyncClient(db, flaky, { push: { ...DEFAULT_PUSH_CONFIG, backoff: { baseMs: 1, maxMs: 2 } } });
    await createItem(db, 'bookings', aBooking(), 'alice');
    const report = await awaitInSync(client);
    expect(report).toMatchObject({ pending: 0, pulledChanged: 0, failure: null });
    expect(await db.outbox.count()).toBe(0);
  });
});
