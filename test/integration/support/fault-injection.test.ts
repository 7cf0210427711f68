import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultKind } from '@test/support/fault-injection';
import { seededRandom } from '@shared/random';
import { pushMutations } from '@main/sync/push';
import type { Mutation } from '@shared/sync/protocol';
import { SYNC_INDEX_NAME, syncBucketOf, tableName } from '@shared/tables';
import { useSyncTables } from '@test/integration/electron/main/sync/sync-fixture';
import { aUser } from '@test/support/builders';

const { connect, prefix } = useSyncTables();
let seq = 0;
const createUser = (id: string): Mutation => ({
  kind: 'create', clientId: 'F', seq: ++seq, entity: 'users', key: id, updatedBy: 'ann',
  item: aUser({ userId: id, name: id }),
});

describe('fault injection', () => {
  it('the same seed injects the same faults in the same order', async () => {
    const runs: FaultKind[][] = [];
    for (let run = 0; run < 2; run++) {
      const { clients, faults } = connect();
      faults.setProbabilities({ throttling: 0.3, internalError: 0.3 });
      const seen: FaultKind[] = [];
      for (let i = 0; i < 20; i++) {
        const before = { ...faults.counts };
        await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: 'nobody' } })).catch(() => undefined);
        seen.push(...FAULT_KINDS.filter((kind) => faults.counts[kind] > before[kind]));
      }
      runs.push(seen);
    }
    expect(runs[0]?.length).toBeGreaterThan(0);
    expect(runs[1]).toEqual(runs[0]);
    expect(seededRandom(7)()).toBe(seededRandom(7)());
  });

  it('a lost response reaches DynamoDB; the caller sees a network error and push reports retry', async () => {
    const { clients, faults } = connect();
    faults.script('lostResponse', 'TransactWriteItems');
    const [outcome] = await pushMutations({ clients, prefix }, [createUser('lost-create')]);
    expect(outcome).toMatchObject({ status: 'retry', reason: expect.stringContaining('network') });
    const stored = await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: 'lost-create' }, ConsistentRead: true }));
    expect(stored.Item).toMatchObject({ userId: 'lost-create', version: 1 });
    expect(faults.counts.lostResponse).toBe(1);
  });

  it('each scripted error kind fails before the write and becomes a retry; nothing is written', async () => {
    const { clients, faults } = connect();
    for (const fault of FAULT_KINDS.filter((kind) => kind !== 'lostResponse')) {
      faults.script(fault, 'TransactWriteItems');
      const id = `never-${fault}`;
      const [outcome] = await pushMutations({ clients, prefix }, [createUser(id)]);
      expect(outcome?.status).toBe('retry');
      const stored = await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: id }, ConsistentRead: true }));
      expect(stored.Item).toBeUndefined();
    }
  });

  it('index lag hides recent items from GSI Queries only, not from reads of the table', async () => {
    const { clients, faults } = connect();
    await pushMutations({ clients, prefix }, [createUser('lag-1')]);
    faults.setIndexLag(60_000);
    const query = () =>
      clients.doc.send(new QueryCommand({ TableName: tableName('users', prefix), IndexName: SYNC_INDEX_NAME, KeyConditionExpression: 'syncBucket = :b', ExpressionAttributeValues: { ':b': syncBucketOf('lag-1') } }));
    expect((await query()).Items?.map((item) => item.userId)).not.toContain('lag-1');
    const direct = await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: 'lag-1' } }));
    expect(direct.Item).toBeDefined();
    faults.setIndexLag(0);
    expect((await query()).Items?.map((item) => item.userId)).toContain('lag-1');
  });
});
