import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, deleteItem, updateItem } from '@renderer/db/local-writes';
import { resolveConflict } from '@renderer/sync/conflicts';
import { awaitInSync } from '@renderer/sync/in-sync';
import { pushOnce } from '@renderer/sync/upstream';
import { aBooking } from '@test/support/builders';
import { simulatedApp, type SimulatedApp } from './clients';
import { createSyncTables, dynamoEndpoint, simulatedMain, type DynamoEndpoint } from './harness';

const booking = (bookingId: string, overrides: Record<string, unknown> = {}) => aBooking({ bookingId, details: { notes: 'first lesson' }, ...overrides });

let backend: DynamoEndpoint;
const prefix = `h4${randomUUID().slice(0, 6)}-`;
const apps: SimulatedApp[] = [];

async function app(options: { clockSkewMs?: number } = {}): Promise<SimulatedApp> {
  const created = await simulatedApp({ endpoint: backend.endpoint, prefix, overlapMs: 10_000, ...options });
  apps.push(created);
  return created;
}

beforeAll(async () => {
  backend = await dynamoEndpoint();
  const admin = simulatedMain({ endpoint: backend.endpoint, prefix });
  await createSyncTables(admin.clients, prefix);
  admin.clients.destroy();
});
afterAll(async () => {
  for (const created of apps) created.close();
  await backend?.stop();
});

describe('what AWS Amplify DataStore users lose, this client keeps', () => {
  it('creates, edits and deletes reach the server and the other client', async () => {
    const alice = await app();
    const bob = await app();
    await createItem(alice.db, 'bookings', booking('smoke-1'), 'alice');
    await updateItem(alice.db, 'bookings', 'smoke-1', { status: 'confirmed' }, 'alice');
    await awaitInSync(alice.sync);
    await awaitInSync(bob.sync);
    expect(await bob.db.bookings.get('smoke-1')).toMatchObject({ status: 'confirmed', version: 2, updatedBy: 'alice' });
    await deleteItem(bob.db, 'bookings', 'smoke-1', 'bob');
    await awaitInSync(bob.sync);
    await awaitInSync(alice.sync);
    expect(await alice.db.bookings.get('smoke-1')).toBeUndefined();
    expect(await alice.db.outbox.count()).toBe(0);
  });
});

async function serverItem(from: SimulatedApp, key: string) {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const result = await from.main.clients.doc.send(new GetCommand({ TableName: `${prefix}PilotForce-Bookings`, Key: { bookingId: key }, ConsistentRead: true }));
  return result.Item;
}

/** Alice creates a booking and Bob has it too. */
async function shared(key: string, overrides: Record<string, unknown> = {}) {
  const alice = await app();
  const bob = await app();
  await createItem(alice.db, 'bookings', booking(key, overrides), 'alice');
  await awaitInSync(alice.sync);
  await awaitInSync(bob.sync);
  return { alice, bob };
}

describe('DataStore failures, client side', () => {
  it('an outbox never sticks behind one failing mutation: rejected and conflicted ones park, the rest go on', async () => {
    const { alice, bob } = await shared('stuck-1');
    await createItem(alice.db, 'bookings', booking('stuck-2'), 'alice');
    await awaitInSync(alice.sync);
    await awaitInSync(bob.sync);
    await updateItem(bob.db, 'bookings', 'stuck-2', { details: { notes: 'bob' } }, 'bob');
    await awaitInSync(bob.sync);
    // Rejected by main (the item would exceed DynamoDB's 400 KB), though it fits the local schema.
    await updateItem(alice.db, 'bookings', 'stuck-1', { details: { scan: 'x'.repeat(420_000) } }, 'alice');
    // A conflict: Bob changed the same field.
    await updateItem(alice.db, 'bookings', 'stuck-2', { details: { notes: 'alice' } }, 'alice');
    // Edits made after both, of other items and of the same items' other fields.
    await createItem(alice.db, 'bookings', booking('stuck-3'), 'alice');
    await updateItem(alice.db, 'bookings', 'stuck-2', { bookingTime: '11:30' }, 'alice');
    await awaitInSync(alice.sync);

    const states = (await alice.db.outbox.toArray()).map((entry) => [entry.key, entry.state]);
    expect(states).toEqual([
      ['stuck-1', 'parked-rejected'],
      ['stuck-2', 'parked-conflict'],
    ]);
    expect(await serverItem(alice, 'stuck-3')).toBeDefined();
    expect(await serverItem(alice, 'stuck-2')).toMatchObject({ bookingTime: '11:30', details: { notes: 'bob' } });
    expect(await alice.db.conflicts.toArray()).toEqual([
      expect.objectContaining({ key: 'stuck-2', reason: 'fields', paths: [['details', 'notes']], theirsBy: 'bob' }),
    ]);
  });

  it('loses no record after network errors, and applies none twice after a lost response', async () => {
    const { alice } = await shared('net-1');
    await updateItem(alice.db, 'bookings', 'net-1', { status: 'confirmed' }, 'alice');
    await createItem(alice.db, 'bookings', booking('net-2'), 'alice');
    alice.main.faults.script('connectionReset', 'TransactWriteItems');
    alice.main.faults.script('lostResponse', 'TransactWriteItems');
    alice.main.faults.script('throttling', 'TransactWriteItems');
    alice.main.setOnline(false);
    await alice.sync.syncNow();
    alice.main.setOnline(true);
    await awaitInSync(alice.sync);
    expect(alice.main.faults.counts.lostResponse).toBe(1);
    expect(await serverItem(alice, 'net-1')).toMatchObject({ status: 'confirmed', version: 2 });
    expect(await serverItem(alice, 'net-2')).toMatchObject({ version: 1 });
    expect(await alice.db.outbox.count()).toBe(0);
    expect(await alice.db.conflicts.count()).toBe(0);
  });

  it('writes no nulls over fields nobody touched: concurrent edits of different fields merge', async () => {
    const { alice, bob } = await shared('merge-1', { paymentInfo: { amount: { $n: '12345678901234567890.5' }, currency: 'GBP' }, legacyFlag: 'kept' });
    await updateItem(alice.db, 'bookings', 'merge-1', { status: 'confirmed' }, 'alice');
    await updateItem(bob.db, 'bookings', 'merge-1', { details: { notes: 'bring logbook' } }, 'bob');
    await awaitInSync(alice.sync);
    await awaitInSync(bob.sync);
    await awaitInSync(alice.sync);
    const expected = {
      status: 'confirmed',
      details: { duration: 60, notes: 'bring logbook' },
      paymentInfo: { amount: { $n: '12345678901234567890.5' }, currency: 'GBP' },
      legacyFlag: 'kept',
    };
    expect(await alice.db.bookings.get('merge-1')).toMatchObject(expected);
    expect(await bob.db.bookings.get('merge-1')).toMatchObject(expected);
    expect(await bob.db.conflicts.count()).toBe(0);
  });

  it('never brings a deleted record back: an offline edit of it becomes a conflict, not a resurrection', async () => {
    const { alice, bob } = await shared('del-1');
    bob.main.setOnline(false);
    await updateItem(bob.db, 'bookings', 'del-1', { status: 'confirmed' }, 'bob');
    await deleteItem(alice.db, 'bookings', 'del-1', 'alice');
    await awaitInSync(alice.sync);
    bob.main.setOnline(true);
    await awaitInSync(bob.sync);
    expect(await bob.db.bookings.get('del-1')).toBeUndefined();
    expect(await bob.db.conflicts.toArray()).toEqual([expect.objectContaining({ key: 'del-1', reason: 'deleted' })]);
    await expect(resolveConflict(bob.db, (await bob.db.conflicts.toArray())[0]?.seq ?? 0, { kind: 'mine' }, 'bob')).rejects.toThrow(/cannot bring it back/);
    expect(await serverItem(bob, 'del-1')).toMatchObject({ deleted: true });
    // Even a client that still holds the old live copy never takes it back from a re-read.
    await createItem(alice.db, 'bookings', booking('del-1'), 'alice').catch(() => undefined);
    expect(await alice.db.bookings.get('del-1')).toBeUndefined();
  });

  it('never drops a stale save silently: it is shown as a conflict, and "keep mine" writes on top of theirs', async () => {
    const { alice, bob } = await shared('stale-1');
    await updateItem(alice.db, 'bookings', 'stale-1', { bookingTime: '08:00' }, 'alice');
    await awaitInSync(alice.sync);
    await updateItem(bob.db, 'bookings', 'stale-1', { bookingTime: '09:15' }, 'bob');
    await awaitInSync(bob.sync);
    const [conflict] = await bob.db.conflicts.toArray();
    expect(conflict).toMatchObject({ reason: 'fields', theirsBy: 'alice', theirs: expect.objectContaining({ bookingTime: '08:00' }) });
    // Until resolved, the screen shows the server's value; the conflict shows both.
    expect(await bob.db.bookings.get('stale-1')).toMatchObject({ bookingTime: '08:00' });
    await resolveConflict(bob.db, conflict?.seq ?? 0, { kind: 'mine' }, 'bob');
    await awaitInSync(bob.sync);
    await awaitInSync(alice.sync);
    expect(await serverItem(bob, 'stale-1')).toMatchObject({ bookingTime: '09:15', version: 3, updatedBy: 'bob' });
    expect(await alice.db.bookings.get('stale-1')).toMatchObject({ bookingTime: '09:15' });
  });

  it("receives other tools' writes that set updatedAt without a version, and merges over them", async () => {
    const { alice } = await shared('tool-1');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    // The tool writes after Alice's copy was stamped. Its own clock may lag Alice's corrected clock (within the Date
    // header's second), and at one version the later updatedAt is what orders two copies: the tool's write is a second on.
    const aliceStampedAt = Date.parse(String((await serverItem(alice, 'tool-1'))?.updatedAt));
    const toolWroteAt = new Date(Math.max(Date.now(), aliceStampedAt + 1000)).toISOString();
    await alice.main.clients.doc.send(
      new UpdateCommand({
        TableName: `${prefix}PilotForce-Bookings`,
        Key: { bookingId: 'tool-1' },
        UpdateExpression: 'SET #s = :s, updatedAt = :u',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'cancelled', ':u': toolWroteAt },
      }),
    );
    await awaitInSync(alice.sync);
    expect(await alice.db.bookings.get('tool-1')).toMatchObject({ status: 'cancelled', version: 1 });
    await updateItem(alice.db, 'bookings', 'tool-1', { details: { notes: 'called the student' } }, 'alice');
    await awaitInSync(alice.sync);
    expect(await serverItem(alice, 'tool-1')).toMatchObject({ status: 'cancelled', details: { notes: 'called the student' }, version: 2 });
  });

  it('loses nothing to clock skew: clients two hours ahead and behind see each other', async () => {
    const ahead = await app({ clockSkewMs: 2 * 3600_000 });
    const behind = await app({ clockSkewMs: -2 * 3600_000 });
    // The first request, which would set the corrected clock, fails: nothing may be stamped or checkpointed before it.
    // One per entity: their first requests run side by side.
    for (let entity = 0; entity < 3; entity++) {
      ahead.main.faults.script('connectionReset', 'DescribeTable');
      behind.main.faults.script('connectionReset', 'DescribeTable');
    }
    await awaitInSync(ahead.sync);
    await awaitInSync(behind.sync);
    await createItem(ahead.db, 'bookings', booking('skew-1'), 'ahead');
    await awaitInSync(ahead.sync);
    await createItem(behind.db, 'bookings', booking('skew-2'), 'behind');
    await updateItem(behind.db, 'bookings', 'skew-2', { status: 'confirmed' }, 'behind');
    await awaitInSync(behind.sync);
    await awaitInSync(ahead.sync);
    expect(await ahead.db.bookings.get('skew-2')).toMatchObject({ status: 'confirmed' });
    expect(await behind.db.bookings.get('skew-1')).toBeDefined();
    const stamps = [await serverItem(ahead, 'skew-1'), await serverItem(ahead, 'skew-2')].map((item) => Date.parse(String(item?.updatedAt)));
    for (const stamp of stamps) expect(Math.abs(stamp - Date.now())).toBeLessThan(60_000);
  });

  it('after a lost response and an overwrite by someone else, the retry is "already applied", not a duplicate or a conflict', async () => {
    const { alice, bob } = await shared('lost-1');
    await updateItem(alice.db, 'bookings', 'lost-1', { status: 'confirmed' }, 'alice');
    alice.main.faults.script('lostResponse', 'TransactWriteItems');
    // Push only: a pull would already see Alice's sequence on the item and acknowledge the edit.
    expect(await pushOnce(alice.db, alice.main.api, alice.sync.options.push)).toMatchObject({ retried: 1 });
    expect(await alice.db.outbox.count()).toBe(1);
    await awaitInSync(bob.sync);
    await updateItem(bob.db, 'bookings', 'lost-1', { status: 'completed' }, 'bob');
    await awaitInSync(bob.sync);
    await awaitInSync(alice.sync);
    expect(await alice.db.outbox.count()).toBe(0);
    expect(await alice.db.conflicts.count()).toBe(0);
    expect(await serverItem(alice, 'lost-1')).toMatchObject({ status: 'completed', version: 3 });
    expect(await alice.db.bookings.get('lost-1')).toMatchObject({ status: 'completed', version: 3 });
  });
});
