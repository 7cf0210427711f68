import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { UNEXPECTED_FAILURE_REASON, pushMutations } from '@main/sync/push';
import type { Mutation, ServerItem } from '@shared/sync/protocol';
import { syncBucketOf, tableName } from '@shared/tables';
import { aBooking, anAsset } from '@test/support/builders';
import { useSyncTables } from './sync-fixture';

const { connect, prefix } = useSyncTables();
const app = connect();
const other = connect();
let seq = 0;

const booking = (id: string): ServerItem => aBooking({ bookingId: id, userId: 'user-1', details: { notes: 'first' } });

const base = { entity: 'bookings' as const, updatedBy: 'ann' };
const create = (key: string, clientId = 'A'): Extract<Mutation, { kind: 'create' }> => ({ ...base, kind: 'create', clientId, seq: ++seq, key, item: booking(key) });
const stampOf = (item: ServerItem) => ({ version: item.version as number, updatedAt: item.updatedAt as string });
function update(key: string, expected: ServerItem, changes: Extract<Mutation, { kind: 'update' }>['changes'], clientId = 'A'): Mutation {
  return { ...base, kind: 'update', clientId, seq: ++seq, key, expected: stampOf(expected), changes };
}
const push = (mutations: Mutation[], connection = app) => pushMutations({ clients: connection.clients, prefix }, mutations);

async function created(key: string): Promise<ServerItem> {
  const [outcome] = await push([create(key)]);
  if (outcome?.status !== 'applied') throw new Error(`create failed: ${JSON.stringify(outcome)}`);
  return outcome.item;
}

async function read(key: string): Promise<ServerItem | undefined> {
  const result = await app.clients.doc.send(new GetCommand({ TableName: tableName('bookings', prefix), Key: { bookingId: key }, ConsistentRead: true }));
  return result.Item as ServerItem | undefined;
}

describe('push against DynamoDB Local', () => {
  it('applies a create, an update and a delete, each bumping the version and recording the client sequence', async () => {
    const item = await created('b-lifecycle');
    expect(item).toMatchObject({ version: 1, syncBucket: syncBucketOf('b-lifecycle'), updatedBy: 'ann', status: 'pending' });
    const change = update('b-lifecycle', item, [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }]);
    const [updated] = await push([change]);
    expect(updated).toMatchObject({ status: 'applied', alreadyApplied: false, item: { version: 2, status: 'confirmed', clientSeq: { A: change.seq } } });
    const after = (updated as { item: ServerItem }).item;
    expect(Date.parse(after.updatedAt as string)).toBeGreaterThan(Date.parse(item.updatedAt as string));
    const [deleted] = await push([{ ...base, kind: 'delete', clientId: 'A', seq: ++seq, key: 'b-lifecycle', expected: stampOf(after) }]);
    expect(deleted).toMatchObject({ status: 'applied', item: { version: 3, deleted: true } });
  });

  it('a tombstone keeps key and sync attributes, drops everything else and falls out of UserBookingIndex', async () => {
    const item = await created('b-tomb');
    await push([{ ...base, kind: 'delete', clientId: 'A', seq: ++seq, key: 'b-tomb', expected: stampOf(item) }]);
    const tombstone = await read('b-tomb');
    expect(Object.keys(tombstone ?? {}).sort()).toEqual(['bookingId', 'clientSeq', 'deleted', 'expiresAt', 'syncBucket', 'updatedAt', 'updatedBy', 'version']);
    expect(tombstone?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
    const byUser = await app.clients.doc.send(
      new QueryCommand({ TableName: tableName('bookings', prefix), IndexName: 'UserBookingIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': 'user-1' } }),
    );
    expect(byUser.Items?.map((i) => i.bookingId)).not.toContain('b-tomb');
    // An edit made before the delete never brings it back.
    const [late] = await push([update('b-tomb', item, [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }], 'B')]);
    expect(late).toMatchObject({ status: 'conflict', reason: 'deleted' });
    expect((await read('b-tomb'))?.deleted).toBe(true);
  });

  it('an asset tombstone falls out of AssetTypeIndex and UserAssetIndex', async () => {
    const asset = anAsset({ assetId: 'a-tomb', assetType: 'document', fileName: 'a.pdf', s3Key: 'users/u9/a.pdf', mimeType: 'application/pdf', userId: 'u9' });
    const [made] = await push([{ entity: 'assets', updatedBy: 'ann', kind: 'create', clientId: 'A', seq: ++seq, key: 'a-tomb', item: asset }]);
    const item = (made as { item: ServerItem }).item;
    const inIndexes = async () => {
      const table = tableName('assets', prefix);
      const byType = await app.clients.doc.send(new QueryCommand({ TableName: table, IndexName: 'AssetTypeIndex', KeyConditionExpression: 'assetType = :t', ExpressionAttributeValues: { ':t': 'document' } }));
      const byUser = await app.clients.doc.send(new QueryCommand({ TableName: table, IndexName: 'UserAssetIndex', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': 'u9' } }));
      return [...(byType.Items ?? []), ...(byUser.Items ?? [])].filter((i) => i.assetId === 'a-tomb').length;
    };
    expect(await inIndexes()).toBe(2);
    const [removed] = await push([{ entity: 'assets', updatedBy: 'ann', kind: 'delete', clientId: 'A', seq: ++seq, key: 'a-tomb', expected: stampOf(item) }]);
    expect(removed?.status).toBe('applied');
    expect(await inIndexes()).toBe(0);
  });

  it('a stale write to the same field is a conflict with the server value, and writes nothing', async () => {
    const item = await created('b-conflict');
    await push([update('b-conflict', item, [{ op: 'set', path: ['bookingTime'], value: '11:00', base: '10:00' }], 'B')], other);
    const [outcome] = await push([update('b-conflict', item, [{ op: 'set', path: ['bookingTime'], value: '12:00', base: '10:00' }])]);
    expect(outcome).toMatchObject({ status: 'conflict', reason: 'fields', paths: [['bookingTime']], server: { bookingTime: '11:00', version: 2 } });
    expect(await read('b-conflict')).toMatchObject({ bookingTime: '11:00', version: 2 });
  });

  it('a concurrent change of other fields is merged on top, with no field nulled or lost', async () => {
    const item = await created('b-merge');
    await push([update('b-merge', item, [{ op: 'set', path: ['details', 'duration'], value: 90, base: 60 }], 'B')], other);
    const [outcome] = await push([update('b-merge', item, [{ op: 'set', path: ['details', 'notes'], value: 'second', base: 'first' }])]);
    expect(outcome?.status).toBe('merged');
    expect(await read('b-merge')).toMatchObject({ version: 3, details: { notes: 'second', duration: 90 }, status: 'pending', bookingTime: '10:00', userId: 'user-1' });
  });

  it('a lost response, then another client writes on top, then the retry: applied once, not a conflict', async () => {
    const item = await created('b-lost');
    app.faults.script('lostResponse', 'TransactWriteItems');
    const mine = update('b-lost', item, [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }]);
    const [first] = await push([mine]);
    expect(first?.status).toBe('retry');
    const landed = (await read('b-lost')) as ServerItem;
    expect(landed).toMatchObject({ status: 'confirmed', version: 2 });
    // B changes the same field after A's write landed: B saw A's value, so B's write is legitimate.
    await push([update('b-lost', landed, [{ op: 'set', path: ['status'], value: 'completed', base: 'confirmed' }], 'B')], other);
    const [retried] = await push([mine]);
    expect(retried).toMatchObject({ status: 'applied', alreadyApplied: true });
    expect(await read('b-lost')).toMatchObject({ status: 'completed', version: 3 });
  });

  it('a seed-style write (sets updatedAt, no version bump) fails the condition and is merged, never overwritten', async () => {
    const item = await created('b-seed');
    await app.clients.doc.send(
      new UpdateCommand({
        TableName: tableName('bookings', prefix),
        Key: { bookingId: 'b-seed' },
        UpdateExpression: 'SET #s = :s, updatedAt = :u',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'confirmed', ':u': new Date().toISOString() },
      }),
    );
    const [same] = await push([update('b-seed', item, [{ op: 'set', path: ['status'], value: 'cancelled', base: 'pending' }])]);
    expect(same).toMatchObject({ status: 'conflict', paths: [['status']] });
    const [otherField] = await push([update('b-seed', item, [{ op: 'set', path: ['bookingTime'], value: '09:00', base: '10:00' }])]);
    expect(otherField?.status).toBe('merged');
    expect(await read('b-seed')).toMatchObject({ status: 'confirmed', bookingTime: '09:00', version: 2 });
  });

  it('adopts an item another tool wrote without sync attributes (version 0)', async () => {
    const raw = { ...booking('b-foreign'), updatedAt: '2026-06-01T10:00:00Z' };
    await app.clients.doc.send(new PutCommand({ TableName: tableName('bookings', prefix), Item: raw }));
    const [outcome] = await push([{ ...base, kind: 'update', clientId: 'A', seq: ++seq, key: 'b-foreign', expected: { version: 0, updatedAt: raw.updatedAt }, changes: [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }] }]);
    expect(outcome).toMatchObject({ status: 'applied', item: { version: 1, syncBucket: syncBucketOf('b-foreign'), status: 'confirmed' } });
  });

  it('creates a missing parent map for a nested change', async () => {
    const item = await created('b-nested');
    const [outcome] = await push([update('b-nested', item, [{ op: 'set', path: ['paymentInfo', 'amount'], value: { $n: '120.50' } }])]);
    expect(outcome).toMatchObject({ status: 'applied', item: { version: 2, paymentInfo: { amount: 120.5 } } });
  });

  it('rejects what can never be written, with a reason, and writes nothing', async () => {
    const item = await created('b-reject');
    const outcomes = await push([
      update('b-reject', item, [{ op: 'set', path: ['status'], value: 'lost', base: 'pending' }]),
      { ...create('b-bad'), item: { ...booking('b-bad'), bookingDate: '2026-02-30' } },
      { ...create('b-big'), item: { ...booking('b-big'), details: { notes: 'x'.repeat(10_001) } } },
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('status') });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('bookingDate') });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('notes') });
    expect(await read('b-bad')).toBeUndefined();
    expect(await read('b-reject')).toMatchObject({ status: 'pending', version: 1 });
  });

  it('fields named like members of Object.prototype are ordinary fields, on a first write and on a merge; __proto__ is rejected', async () => {
    const item = await created('b-proto');
    const names = [['constructor'], ['toString'], ['details', 'toString'], ['constructor.prototype'], ['hasOwnProperty', 'prototype']] as const;
    const [written] = await push([update('b-proto', item, names.map((path) => ({ op: 'set' as const, path: [...path] as [string], value: path.join('/') })))]);
    expect(written).toMatchObject({ status: 'applied', item: { version: 2 } });
    const stored = await read('b-proto');
    expect(stored).toMatchObject({ constructor: 'constructor', toString: 'toString', 'constructor.prototype': 'constructor.prototype', hasOwnProperty: { prototype: 'hasOwnProperty/prototype' } });
    expect(stored?.details).toMatchObject({ notes: 'first', toString: 'details/toString' });
    // Made on version 1 while version 2 changed other fields: the server's value of `valueOf` is its own (none), so a merge.
    const [merged] = await push([update('b-proto', item, [{ op: 'set', path: ['valueOf'], value: 'v' }, { op: 'set', path: ['details', 'constructor'], value: 'c' }], 'B')]);
    expect(merged).toMatchObject({ status: 'merged', item: { version: 3, valueOf: 'v', details: { constructor: 'c', toString: 'details/toString' } } });
    const [proto] = await push([update('b-proto', (merged as { item: ServerItem }).item, [{ op: 'set', path: ['__proto__'], value: { polluted: true } }])]);
    expect(proto).toMatchObject({ status: 'rejected', reason: 'a field cannot be called __proto__: the app could not read it back' });
    expect(await read('b-proto')).toMatchObject({ version: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a mutation whose check throws (a caller that skipped the contract's validation) becomes that mutation's rejection, logged; the batch goes on", async () => {
    const log = vi.fn();
    // JSON.stringify, in the size check, throws on a BigInt: what the contract's schema would have refused.
    const broken = { ...create('b-throws'), item: { ...booking('b-throws'), total: 10n } } as unknown as Mutation;
    const fine = create('b-after-throw');
    const after = update('b-throws', booking('b-throws'), [{ op: 'set', path: ['status'], value: 'confirmed' }]);
    const outcomes = await pushMutations({ clients: app.clients, prefix, log }, [broken, fine, after]);
    expect(outcomes).toEqual([
      { seq: broken.seq, status: 'rejected', reason: UNEXPECTED_FAILURE_REASON },
      expect.objectContaining({ seq: fine.seq, status: 'applied' }),
      { seq: after.seq, status: 'blocked', after: broken.seq },
    ]);
    expect(log).toHaveBeenCalledWith('push: a mutation failed unexpectedly', { entity: 'bookings', key: 'b-throws', seq: broken.seq, error: expect.any(TypeError) });
    expect(await read('b-throws')).toBeUndefined();
  });

  it('an update that would grow the item past 400 KB is rejected by DynamoDB and reported as such', async () => {
    const item = await created('b-grow');
    const [first] = await push([update('b-grow', item, [{ op: 'set', path: ['attachmentText'], value: 'a'.repeat(250_000) }])]);
    expect(first?.status).toBe('applied');
    const after = (first as { item: ServerItem }).item;
    const [second] = await push([update('b-grow', after, [{ op: 'set', path: ['moreText'], value: 'b'.repeat(250_000) }])]);
    expect(second).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/size/i) });
    expect(await read('b-grow')).toMatchObject({ version: 2 });
  });

  it('throttling and server errors come back as retry; the item\'s later mutations are blocked, other items go on', async () => {
    const item = await created('b-throttle');
    other.faults.script('throttling', 'TransactWriteItems');
    // The first change moves no slot, so its transaction is the push's first request (the script's throttle hits it).
    const first = update('b-throttle', item, [{ op: 'set', path: ['details', 'notes'], value: 'second lesson', base: 'first' }]);
    const second = update('b-throttle', item, [{ op: 'set', path: ['bookingTime'], value: '08:00', base: '10:00' }]);
    const unrelated = create('b-unrelated');
    const outcomes = await push([first, second, unrelated], other);
    expect(outcomes[0]).toMatchObject({ status: 'retry', reason: expect.stringContaining('Throttling') });
    expect(outcomes[0]?.status === 'retry' && outcomes[0].retryAfterMs).toBeGreaterThan(0);
    expect(outcomes[1]).toEqual({ seq: second.seq, status: 'blocked', after: first.seq });
    expect(outcomes[2]).toMatchObject({ status: 'applied' });
    other.faults.script('internalError', 'TransactWriteItems');
    expect((await push([first], other))[0]).toMatchObject({ status: 'retry', reason: expect.stringContaining('500') });
    // Retried in order later: both apply, the second on top of the first (same base) without a false conflict.
    const retried = await push([first, second], other);
    expect(retried.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(await read('b-throttle')).toMatchObject({ details: { notes: 'second lesson' }, bookingTime: '08:00', version: 3 });
  });

  it('an offline create, edit and delete of one item pushed in one batch each apply in order, first time', async () => {
    const noVersion = { version: 0, updatedAt: '1970-01-01T00:00:00.000Z' };
    const made = create('b-offline');
    const edit: Mutation = { ...base, kind: 'update', clientId: 'A', seq: ++seq, key: 'b-offline', expected: noVersion, changes: [{ op: 'set', path: ['status'], value: 'confirmed', base: 'pending' }] };
    const remove: Mutation = { ...base, kind: 'delete', clientId: 'A', seq: ++seq, key: 'b-offline', expected: noVersion };
    const outcomes = await push([made, edit, remove]);
    expect(outcomes.map((o) => o.status === 'applied' && !o.alreadyApplied)).toEqual([true, true, true]);
    expect(await read('b-offline')).toMatchObject({ deleted: true, version: 3, clientSeq: { A: remove.seq } });
  });

  it('stamps updatedAt from the corrected clock even when the laptop is two hours off', async () => {
    const skewed = connect({ clockSkewMs: 2 * 60 * 60_000 });
    const before = Date.now();
    const [outcome] = await push([create('b-skew')], skewed);
    const stamped = Date.parse((outcome as { item: ServerItem }).item.updatedAt as string);
    expect(Math.abs(stamped - before)).toBeLessThan(60_000);
  });
});
