import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from '@main/ops/batch-write';
import { describe, expect, it } from 'vitest';
import { type PullOptions, currentCheckpoint, pullChanges } from '@main/sync/pull';
import { pushMutations } from '@main/sync/push';
import { type Checkpoint, checkpointAt } from '@shared/sync/checkpoint';
import type { Mutation, PullResponse, ServerItem } from '@shared/sync/protocol';
import { type EntityName } from '@shared/models';
import { syncBucketOf, tableName } from '@shared/tables';
import { aServerBooking, aUser } from '@test/support/builders';
import { useSyncTables } from './sync-fixture';

const { connect, prefix } = useSyncTables();
const writer = connect();
const reader = connect();
let seq = 0;

const createUser = (id: string, clientId = 'W'): Mutation => ({ kind: 'create', clientId, seq: ++seq, entity: 'users', key: id, updatedBy: 'ann', item: aUser({ userId: id }) });

/** Pulls until `hasMore` is false; returns every item and quarantined entry, and the last checkpoint. */
async function pullAll(entity: EntityName, checkpoint: Checkpoint | null, options: Partial<PullOptions> = {}, limit = 500) {
  const items: ServerItem[] = [];
  const quarantined: PullResponse['quarantined'] = [];
  let response: PullResponse;
  let calls = 0;
  do {
    response = await pullChanges({ clients: reader.clients, prefix, ...options }, { entity, checkpoint, limit });
    items.push(...response.items);
    quarantined.push(...response.quarantined);
    checkpoint = response.checkpoint;
    calls++;
  } while (response.hasMore);
  return { items, quarantined, checkpoint: checkpoint as Checkpoint, calls, resyncRequired: response.resyncRequired };
}

const keysOf = (items: ServerItem[], name = 'userId') => new Set(items.map((item) => item[name] as string));

describe('delta pull against DynamoDB Local', () => {
  it('delivers what changed after the checkpoint, and re-reading the overlap is harmless', async () => {
    await pushMutations({ clients: writer.clients, prefix }, [createUser('early')]);
    const start = await pullAll('users', null);
    expect(keysOf(start.items).has('early')).toBe(true);
    await pushMutations({ clients: writer.clients, prefix }, [createUser('later')]);
    const delta = await pullAll('users', start.checkpoint);
    expect(keysOf(delta.items).has('later')).toBe(true);
    const again = await pullAll('users', delta.checkpoint);
    // Still inside the overlap: the same versions come back, and applying them again changes nothing.
    for (const item of again.items) expect(delta.items.concat(start.items).some((seen) => seen.userId === item.userId && seen.version === item.version)).toBe(true);
  });

  it('sees a seed-style write by another tool (updatedAt set, version not bumped)', async () => {
    await pushMutations({ clients: writer.clients, prefix }, [createUser('seeded')]);
    const { checkpoint } = await pullAll('users', null);
    await writer.clients.doc.send(
      new UpdateCommand({
        TableName: tableName('users', prefix),
        Key: { userId: 'seeded' },
        UpdateExpression: 'SET #n = :n, updatedAt = :u',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':n': 'Renamed by a script', ':u': new Date().toISOString() },
      }),
    );
    const delta = await pullAll('users', checkpoint);
    expect(delta.items.find((item) => item.userId === 'seeded')).toMatchObject({ name: 'Renamed by a script', version: 1 });
  });

  it('delivers deletions as tombstones, and items whose expiresAt passed as deleted', async () => {
    const [created] = await pushMutations({ clients: writer.clients, prefix }, [createUser('doomed'), createUser('expired')]);
    const item = (created as { item: ServerItem }).item;
    const checkpoint = await currentCheckpoint(reader.clients, prefix);
    await pushMutations({ clients: writer.clients, prefix }, [
      { kind: 'delete', clientId: 'W', seq: ++seq, entity: 'users', key: 'doomed', updatedBy: 'ann', expected: { version: item.version as number, updatedAt: item.updatedAt as string } },
    ]);
    await writer.clients.doc.send(
      new UpdateCommand({ TableName: tableName('users', prefix), Key: { userId: 'expired' }, UpdateExpression: 'SET expiresAt = :e, updatedAt = :u', ExpressionAttributeValues: { ':e': Math.floor(Date.now() / 1000) - 10, ':u': new Date().toISOString() } }),
    );
    const delta = await pullAll('users', checkpoint);
    expect(delta.items.find((i) => i.userId === 'doomed')).toMatchObject({ deleted: true, version: 2 });
    expect(delta.items.find((i) => i.userId === 'expired')).toMatchObject({ deleted: true });
  });

  it('quarantines an item that does not fit the schema, with its reason, and delivers the rest', async () => {
    const checkpoint = await currentCheckpoint(reader.clients, prefix);
    const now = new Date().toISOString();
    await writer.clients.doc.send(
      new PutCommand({ TableName: tableName('users', prefix), Item: { ...aUser({ userId: 'broken' }), email: 'not-an-email', version: 1, updatedAt: now, syncBucket: syncBucketOf('broken') } }),
    );
    await pushMutations({ clients: writer.clients, prefix }, [createUser('fine')]);
    const delta = await pullAll('users', checkpoint);
    expect(delta.quarantined).toEqual([expect.objectContaining({ key: 'broken', reason: expect.stringContaining('email') })]);
    expect(keysOf(delta.items).has('fine')).toBe(true);
    expect(keysOf(delta.items).has('broken')).toBe(false);
  });

  it('quarantines items another tool wrote with a javascript: address or an image that is a web page', async () => {
    const checkpoint = await currentCheckpoint(reader.clients, prefix);
    const now = new Date().toISOString();
    const sync = (key: string) => ({ version: 1, updatedAt: now, syncBucket: syncBucketOf(key) });
    await writer.clients.doc.send(
      new PutCommand({ TableName: tableName('users', prefix), Item: { ...aUser({ userId: 'scripted' }), profileImageUrl: 'javascript:alert(document.cookie)', ...sync('scripted') } }),
    );
    const asset = (id: string, mimeType: string) => ({ assetId: id, assetType: 'image', fileName: 'a.png', s3Key: `users/u-1/${id}/a.png`, s3Url: `https://b.s3.amazonaws.com/users/u-1/${id}/a.png`, mimeType, size: 10, userId: 'u-1', createdAt: now, ...sync(id) });
    await batchWriteItems(writer.clients, tableName('assets', prefix), [asset('page', 'text/html'), asset('photo', 'image/png')]);
    const users = await pullAll('users', checkpoint);
    // The overlap may bring back what earlier tests quarantined: look for this test's items by key.
    expect(users.quarantined).toContainEqual(expect.objectContaining({ key: 'scripted', reason: expect.stringMatching(/^profileImageUrl: an address must start with https:\/\//) }));
    expect(keysOf(users.items).has('scripted')).toBe(false);
    const assets = await pullAll('assets', checkpoint);
    expect(assets.quarantined).toEqual([expect.objectContaining({ key: 'page', reason: expect.stringMatching(/^mimeType: An image asset is .*, not text\/html\.$/) })]);
    expect(keysOf(assets.items, 'assetId')).toEqual(new Set(['photo']));
  });

  it('uneven index lag: an item that shows up in the index late is still delivered by the overlap', async () => {
    const checkpoint = await currentCheckpoint(reader.clients, prefix);
    const [lagging] = await pushMutations({ clients: writer.clients, prefix }, [createUser('lagging')]);
    // Each process's corrected clock may differ from the other's by up to the Date header's second, and a later
    // response can move its estimate anywhere within its uncertainty: the next write must carry a later updatedAt,
    // and the reader's "now" (which caps its cursor) must stay past 'lagging' whatever its clock learns next.
    const laggingAt = Date.parse(String(lagging?.status === 'applied' ? lagging.item.updatedAt : ''));
    expect(laggingAt).not.toBeNaN();
    const pastLagging = (clock: { now(): Date; uncertaintyMs(): number }) => clock.now().getTime() - clock.uncertaintyMs() - 1 > laggingAt;
    while (!pastLagging(writer.clients.clock) || !pastLagging(reader.clients.clock)) await new Promise((resolve) => setTimeout(resolve, 5));
    // In the same bucket as 'lagging', written after it: its pull moves that bucket's cursor past 'lagging'.
    const prompt = Array.from({ length: 50 }, (_, i) => `prompt-${i}`).find((id) => syncBucketOf(id) === syncBucketOf('lagging')) as string;
    await pushMutations({ clients: writer.clients, prefix }, [createUser(prompt)]);
    const release = reader.faults.holdInIndex((item) => item.userId === 'lagging');
    const first = await pullAll('users', checkpoint);
    expect(keysOf(first.items).has(prompt)).toBe(true);
    expect(keysOf(first.items).has('lagging')).toBe(false);
    release();
    // Without an overlap the cursor has moved past it: that is the loss the overlap prevents.
    const withoutOverlap = await pullAll('users', first.checkpoint, { overlapMs: 0 });
    expect(keysOf(withoutOverlap.items).has('lagging')).toBe(false);
    const second = await pullAll('users', first.checkpoint);
    expect(keysOf(second.items).has('lagging')).toBe(true);
    expect(reader.faults.counts.hiddenByIndexLag).toBeGreaterThan(0);
  });

  it('writers with clocks two hours fast and slow lose nothing', async () => {
    const fast = connect({ clockSkewMs: 2 * 3600_000 });
    const slow = connect({ clockSkewMs: -2 * 3600_000 });
    const skewedReader = connect({ clockSkewMs: -2 * 3600_000 });
    const checkpoint = await currentCheckpoint(skewedReader.clients, prefix);
    await pushMutations({ clients: fast.clients, prefix }, [createUser('from-fast', 'F')]);
    await pushMutations({ clients: slow.clients, prefix }, [createUser('from-slow', 'S')]);
    const delta = await pullChanges({ clients: skewedReader.clients, prefix }, { entity: 'users', checkpoint, limit: 1000 });
    expect(keysOf(delta.items).has('from-fast')).toBe(true);
    expect(keysOf(delta.items).has('from-slow')).toBe(true);
  });

  it('an item another tool stamped hours in the future does not make later changes invisible', async () => {
    const checkpoint = await currentCheckpoint(reader.clients, prefix);
    const future = new Date(Date.now() + 3 * 3600_000).toISOString();
    await writer.clients.doc.send(
      new PutCommand({ TableName: tableName('users', prefix), Item: { ...aUser({ userId: 'future' }), version: 1, updatedAt: future, syncBucket: syncBucketOf('future') } }),
    );
    const first = await pullAll('users', checkpoint);
    expect(keysOf(first.items).has('future')).toBe(true);
    await pushMutations({ clients: writer.clients, prefix }, [createUser('after-future')]);
    const second = await pullAll('users', first.checkpoint, { overlapMs: 1000 });
    expect(keysOf(second.items).has('after-future')).toBe(true);
  });

  it('tells a client away longer than the tombstone retention to resync fully', async () => {
    const old = checkpointAt(new Date(Date.now() - 31 * 24 * 3600_000).toISOString());
    const response = await pullChanges({ clients: reader.clients, prefix }, { entity: 'users', checkpoint: old, limit: 10 });
    expect(response.resyncRequired).toBe(true);
    const recent = await pullChanges({ clients: reader.clients, prefix }, { entity: 'users', checkpoint: await currentCheckpoint(reader.clients, prefix), limit: 10 });
    expect(recent.resyncRequired).toBe(false);
  });
});

describe('delta pull at size', () => {
  it('returns every one of 10,050 items (pages beyond 1 MB, no cap at 10,000) through Queries only', async () => {
    const now = new Date().toISOString();
    const notes = 'n'.repeat(2000); // ~2 KB items: a page of 1,250 would be 2.5 MB, so DynamoDB cuts pages at 1 MB
    const ids = Array.from({ length: 10_050 }, (_, i) => `bulk-${String(i).padStart(5, '0')}`);
    const items = ids.map((id) => aServerBooking(1, { bookingId: id, details: { notes }, createdAt: now, updatedAt: now, syncBucket: syncBucketOf(id) }));
    const written = await batchWriteItems(writer.clients, tableName('bookings', prefix), items, { concurrency: 4 });
    expect(written.written).toBe(ids.length);
    const operations: string[] = [];
    const cutByOneMegabyte: number[] = [];
    reader.clients.dynamo.middlewareStack.add((next, context) => async (args) => {
      operations.push(context.commandName ?? '');
      const result = await next(args);
      const input = args.input as { Limit?: number };
      const output = result.output as { Items?: unknown[]; LastEvaluatedKey?: unknown };
      if (output.LastEvaluatedKey && (output.Items?.length ?? 0) < (input.Limit ?? 0)) cutByOneMegabyte.push(output.Items?.length ?? 0);
      return result;
    }, { step: 'initialize', name: 'recordOperations' });
    const result = await pullAll('bookings', null, {}, 5000);
    reader.clients.dynamo.middlewareStack.remove('recordOperations');
    const keys = keysOf(result.items, 'bookingId');
    expect(ids.filter((id) => !keys.has(id))).toEqual([]);
    expect(cutByOneMegabyte.length).toBeGreaterThan(0);
    // Reads are Queries only (DescribeTable, which reads no items, calibrates the clock).
    expect(operations).toContain('QueryCommand');
    expect(operations.filter((name) => name !== 'QueryCommand' && name !== 'DescribeTableCommand')).toEqual([]);
  }, 240_000);
});
