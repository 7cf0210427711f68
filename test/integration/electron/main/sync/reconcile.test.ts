import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { reconcile } from '@main/sync/reconcile';
import { syncBucketOf, tableName } from '@shared/tables';
import { useSyncTables } from './sync-fixture';

const { connect, prefix } = useSyncTables();
const { clients } = connect();

describe('reconcile', () => {
  it('paces its Scan to the rate, stops after maxPages, and resumes where it stopped', async () => {
    const table = tableName('users', prefix);
    const ids = Array.from({ length: 250 }, (_, i) => `legacy-${i}`);
    for (let i = 0; i < ids.length; i += 25) {
      await clients.doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [table]: ids.slice(i, i + 25).map((id) => ({
              PutRequest: { Item: { userId: id, email: `${id}@example.com`, name: id, role: 'customer', createdAt: '2023-01-01T00:00:00Z', updatedAt: '2023-01-01T00:00:00Z' } },
            })),
          },
        }),
      );
    }
    const waits: number[] = [];
    const pause = async (ms: number) => {
      waits.push(ms);
    };
    const first = await reconcile({ clients, prefix, pause }, { entity: 'users', exclusiveStartKey: null, maxReadUnitsPerSecond: 2, maxPages: 2 });
    expect(first.adopted).toBe(200);
    expect(first.lastEvaluatedKey).not.toBeNull();
    // One pause between the two pages (none after the last): the first page's 100 adoptions, at least one
    // write unit each, drained at 2 units per second.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(50_000);
    const rest = await reconcile({ clients, prefix, pause }, { entity: 'users', exclusiveStartKey: first.lastEvaluatedKey, maxReadUnitsPerSecond: 1000, maxPages: 100 });
    expect(first.adopted + rest.adopted).toBe(250);
    expect(rest.lastEvaluatedKey).toBeNull();
    const adopted = await clients.doc.send(new GetCommand({ TableName: table, Key: { userId: 'legacy-7' } }));
    expect(adopted.Item).toMatchObject({ version: 1, syncBucket: syncBucketOf('legacy-7'), name: 'legacy-7' });
    expect(Date.parse(adopted.Item?.updatedAt as string)).toBeGreaterThan(Date.parse('2023-01-01T00:00:00Z'));
  });
});
