import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, toSdkItem } from '@main/aws/clients';
import { restoreCopy } from '@main/ops/restore-copy';
import { syncBucketOf, tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { aServerUser } from '@test/support/builders';

let backend: TestBackend;
let live: string;
let restored: string;

const user = (version: number, name: string, updatedAt: string) =>
  aServerUser(version, { userId: 'u-ada', name, syncBucket: syncBucketOf('u-ada'), updatedAt, updatedBy: 'Sam Staff' }) as unknown as Record<string, DynamoValue>;

beforeAll(async () => {
  backend = await useTestBackend();
  live = tableName('users', backend.prefix);
  restored = `${live}-restored`;
  await backend.clients.dynamo.send(
    new CreateTableCommand({
      TableName: restored,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
    }),
  );
  await backend.clients.doc.send(new PutCommand({ TableName: restored, Item: toSdkItem(user(2, 'Ada Admin', '2026-11-19T09:00:00.000Z')) }));
  await backend.clients.doc.send(new PutCommand({ TableName: live, Item: toSdkItem(user(3, 'A. Damaged', '2026-11-21T08:00:00.000Z')) }));
});
afterAll(async () => {
  await backend.clients.dynamo.send(new DeleteTableCommand({ TableName: restored })).catch(() => undefined);
  await backend.close();
});

describe('restoreCopy', () => {
  it('reports a conflict, and writes nothing, when a desk writes the item between the read and the conditional write', async () => {
    const clients = createAwsClients(backend.config);
    // A desk's write lands just before the copy's own write (the change and its history entry, one transaction) reaches DynamoDB.
    clients.dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') {
          await backend.clients.doc.send(
            new UpdateCommand({
              TableName: live,
              Key: { userId: 'u-ada' },
              UpdateExpression: 'SET #name = :name, version = :version, updatedAt = :at, updatedBy = :by',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':name': 'Ada Lovelace', ':version': 4, ':at': '2026-11-23T09:00:00.000Z', ':by': 'Ana Desk' },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    try {
      const report = await restoreCopy(clients, { from: restored, to: live, selection: { keys: [{ key: 'u-ada' }] }, dryRun: false });
      expect(report.items).toEqual([
        {
          key: 'u-ada',
          live: { version: 4, updatedAt: '2026-11-23T09:00:00.000Z', updatedBy: 'Ana Desk' },
          status: 'conflict',
          reason: 'changed on the live table while it was copied (now version 4, written 2026-11-23T09:00:00.000Z by Ana Desk): look at it, then plan again',
        },
      ]);
    } finally {
      clients.destroy();
    }
    const { Item } = await backend.clients.doc.send(new GetCommand({ TableName: live, Key: { userId: 'u-ada' }, ConsistentRead: true }));
    expect(Item).toMatchObject({ name: 'Ada Lovelace', version: 4, updatedBy: 'Ana Desk' });
  });
});
