import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { listHistory } from '@main/history/read';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackfillCursor, backfill } from '@main/ops/backfill';
import { SYNC_INDEX_NAME, SYNC_BUCKETS, syncBucketOf, tableName } from '@shared/tables';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { aUser } from '@test/support/builders';

let backend: TestBackend;
beforeAll(async () => {
  backend = await useTestBackend();
});
afterAll(() => backend.close());

/** A user as the seed's snippet writes it: PutItem, no sync attributes. */
function seedUser(i: number, withUpdatedAt: boolean) {
  const stamp = withUpdatedAt ? { updatedAt: '2023-07-02T09:00:00Z' } : {};
  return aUser({ userId: `seed-${String(i).padStart(3, '0')}`, email: `user${i}@example.com`, name: `User ${i}`, createdAt: '2023-07-01T09:00:00Z', ...stamp });
}

describe('backfill', () => {
  it('adopts items written the seed way, resumes from its cursor, and leaves adopted items alone', async () => {
    const { clients, prefix } = backend;
    const TableName = tableName('users', prefix);
    const users = Array.from({ length: 60 }, (_, i) => seedUser(i, i % 2 === 0));
    for (let i = 0; i < users.length; i += 25) {
      await clients.doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: users.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const alreadyAdopted = { ...seedUser(999, true), version: 7, syncBucket: syncBucketOf('seed-999'), clientSeq: { c1: 3 }, updatedBy: 'someone' };
    await clients.doc.send(new PutCommand({ TableName, Item: alreadyAdopted }));

    const saved: BackfillCursor[] = [];
    const first = await backfill(clients, { entity: 'users', prefix, segments: 2, pageSize: 10, maxPagesPerSegment: 1, onProgress: (c) => void saved.push(structuredClone(c)) });
    expect(first.complete).toBe(false);
    expect(first.adopted).toBeGreaterThan(0);
    expect(first.adopted).toBeLessThan(60);
    expect(saved.at(-1)).toEqual(first.cursor);

    const rest = await backfill(clients, { entity: 'users', prefix, cursor: first.cursor, maxItemsPerSecond: 1000 });
    expect(rest.complete).toBe(true);
    expect(first.adopted + rest.adopted).toBe(60);
    expect(rest.skipped).toBe(0);
    expect(first.consumedReadUnits + rest.consumedReadUnits).toBeGreaterThan(0);
    expect(first.consumedWriteUnits + rest.consumedWriteUnits).toBeGreaterThanOrEqual(60);

    const withTime = await clients.doc.send(new GetCommand({ TableName, Key: { userId: 'seed-000' } }));
    expect(withTime.Item).toMatchObject({ version: 1, clientSeq: {}, syncBucket: syncBucketOf('seed-000'), updatedAt: '2023-07-02T09:00:00Z', name: 'User 0' });
    // The adoption is the first change in the item's history, and matches the item (no change from outside).
    expect(await listHistory(clients, prefix, 'users', 'seed-000')).toMatchObject({ entries: [{ source: 'backfill', kind: 'update', version: 1, updatedAt: '2023-07-02T09:00:00Z', changes: [] }], outside: null });
    const withoutTime = await clients.doc.send(new GetCommand({ TableName, Key: { userId: 'seed-001' } }));
    expect(withoutTime.Item).toMatchObject({ version: 1, clientSeq: {} });
    expect(typeof withoutTime.Item?.updatedAt).toBe('string');
    const untouched = await clients.doc.send(new GetCommand({ TableName, Key: { userId: 'seed-999' } }));
    expect(untouched.Item).toEqual(alreadyAdopted);

    // Every item is now visible to the delta pull through SyncIndex.
    let inIndex = 0;
    for (let bucket = 0; bucket < SYNC_BUCKETS; bucket++) {
      const page = await clients.doc.send(
        new QueryCommand({ TableName, IndexName: SYNC_INDEX_NAME, KeyConditionExpression: 'syncBucket = :b', ExpressionAttributeValues: { ':b': bucket }, Select: 'COUNT' }),
      );
      inIndex += page.Count ?? 0;
    }
    expect(inIndex).toBe(61);

    const again = await backfill(clients, { entity: 'users', prefix });
    expect(again).toMatchObject({ adopted: 0, skipped: 0, complete: true });
  });

  it('refuses a cursor of another table', async () => {
    const cursor: BackfillCursor = { entity: 'assets', totalSegments: 1, segments: [{ done: false }] };
    await expect(backfill(backend.clients, { entity: 'users', prefix: backend.prefix, cursor })).rejects.toThrow('the cursor is for assets, not users');
  });
});
