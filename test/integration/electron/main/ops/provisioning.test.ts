import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, waitUntilTableNotExists } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { type LocalBackend, startLocalBackend } from '@main/ops/local-backend';
import { provision } from '@main/ops/provisioning';
import { SCHOOL_SETTINGS_ID } from '@shared/models';
import { TABLES, tableName } from '@shared/tables';

/**
 * A DynamoDB Local of its own, as `db:setup` meets on a new machine: in the shared one, busy with the
 * other files' load, an index added by UpdateTable was seen to stay CREATING for minutes.
 */
let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
}, 180_000);

function freshClients(on: LocalBackend = backend) {
  const id = randomUUID().replaceAll('-', '').slice(0, 10);
  const config = BackendConfigSchema.parse({ endpoint: on.endpoint, s3Endpoint: on.s3Endpoint, tablePrefix: `p${id}-`, bucket: `pf-prov-${id}` });
  return createAwsClients(config);
}

const opened: ReturnType<typeof freshClients>[] = [];
afterAll(async () => {
  opened.forEach((clients) => clients.destroy());
  await backend?.stop();
});

describe('provision', () => {
  it('creates every table, index, TTL and the bucket, then changes nothing on a second run', async () => {
    const clients = freshClients();
    opened.push(clients);
    const prefix = clients.config.tablePrefix;
    const lines: string[] = [];
    const first = await provision(clients, { prefix, bucket: clients.config.bucket, log: (line) => lines.push(line) });
    expect(first.changed).toBe(true);

    const bookings = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('bookings', prefix) }));
    expect(bookings.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(bookings.Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType]).sort()).toEqual([
      ['SyncIndex', 'ALL'],
      ['UserBookingIndex', 'ALL'],
    ]);
    const ttl = await clients.dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName('assets', prefix) }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    await expect(clients.s3.send(new HeadBucketCommand({ Bucket: clients.config.bucket }))).resolves.toBeDefined();
    // What DynamoDB Local and s3rver lack is reported, not failed on.
    expect(lines).toContain(`${tableName('users', prefix)}: point-in-time recovery: not supported locally`);
    expect(lines).toContain(`s3://${clients.config.bucket}: abort incomplete multipart uploads: not supported locally`);

    const resources = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('resources', prefix) }));
    expect(resources.Table?.KeySchema).toEqual([{ AttributeName: 'resourceId', KeyType: 'HASH' }]);
    expect(resources.Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.map((k) => k.AttributeName).join('+')]).sort()).toEqual([
      ['ResourceTypeIndex', 'resourceType+resourceId'],
      ['SyncIndex', 'syncBucket+updatedAt'],
    ]);

    const second = await provision(clients, { prefix, bucket: clients.config.bucket, log: () => undefined });
    expect(second.changed).toBe(false);
    expect(second.steps.filter((s) => s.status === 'created' || s.status === 'updated' || s.status === 'planned')).toEqual([]);
  });

  it('adds the Resources table to a deployment of the three seed tables, keeping their items, then changes nothing', async () => {
    const clients = freshClients();
    opened.push(clients);
    const prefix = clients.config.tablePrefix;
    // A deployment made before the Resources table existed: the three tables as db:setup made them.
    await provision(clients, { prefix, log: () => undefined });
    await clients.dynamo.send(new DeleteTableCommand({ TableName: tableName('resources', prefix) }));
    await waitUntilTableNotExists({ client: clients.dynamo, maxWaitTime: 60 }, { TableName: tableName('resources', prefix) });
    const user = { userId: 'u-kept', email: 'kept@example.com', name: 'Kept', role: 'staff', createdAt: '2024-01-01T00:00:00Z' };
    await clients.doc.send(new PutCommand({ TableName: tableName('users', prefix), Item: user }));

    const first = await provision(clients, { prefix, log: () => undefined });
    const changedSteps = first.steps.filter((s) => s.status === 'created' || s.status === 'updated');
    expect(new Set(changedSteps.map((s) => s.target))).toEqual(new Set([tableName('resources', prefix)]));
    expect(changedSteps).toContainEqual(expect.objectContaining({ target: tableName('resources', prefix), setting: 'table', status: 'created' }));
    const settings = { resourceId: SCHOOL_SETTINGS_ID, resourceType: 'school-settings' };
    await clients.doc.send(new PutCommand({ TableName: tableName('resources', prefix), Item: settings }));

    const second = await provision(clients, { prefix, log: () => undefined });
    expect(second.changed).toBe(false);
    const kept = await clients.doc.send(new GetCommand({ TableName: tableName('users', prefix), Key: { userId: 'u-kept' }, ConsistentRead: true }));
    expect(kept.Item).toEqual(user);
    const resource = await clients.doc.send(new GetCommand({ TableName: tableName('resources', prefix), Key: { resourceId: SCHOOL_SETTINGS_ID }, ConsistentRead: true }));
    expect(resource.Item).toEqual(settings);
  });

  it('plans without writing in a dry run', async () => {
    const clients = freshClients();
    opened.push(clients);
    const prefix = clients.config.tablePrefix;
    const report = await provision(clients, { prefix, bucket: clients.config.bucket, dryRun: true, log: () => undefined });
    // The four synced tables and the history table.
    expect(report.steps.filter((s) => s.setting === 'table').map((s) => [s.target.slice(prefix.length), s.status])).toEqual(
      ['PilotForce-Resources', 'PilotForce-Users', 'PilotForce-Bookings', 'PilotForce-Assets', 'PilotForce-History'].map((table) => [table, 'planned']),
    );
    await expect(clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('users', prefix) }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it("adds the app's missing indexes to a table created the seed's way, keeping its items", async () => {
    // A DynamoDB Local of its own: beside the other tests' tables an index added by UpdateTable can stay CREATING for minutes.
    const own = await startLocalBackend();
    onTestFinished(() => own.stop());
    const clients = freshClients(own);
    opened.push(clients);
    const prefix = clients.config.tablePrefix;
    const assets = TABLES.assets;
    // The seed's assets table: only AssetTypeIndex.
    await clients.dynamo.send(
      new CreateTableCommand({
        TableName: tableName('assets', prefix),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'assetId', AttributeType: 'S' },
          { AttributeName: 'assetType', AttributeType: 'S' },
          { AttributeName: 'createdAt', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'assetId', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'AssetTypeIndex',
            KeySchema: [
              { AttributeName: 'assetType', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const legacy = { assetId: 'a-legacy', assetType: 'image', createdAt: '2024-01-01T00:00:00Z', userId: 'u-1', fileName: 'wing.jpg' };
    await clients.doc.send(new PutCommand({ TableName: tableName('assets', prefix), Item: legacy }));
    const report = await provision(clients, { prefix, log: () => undefined });
    const assetSteps = report.steps.filter((s) => s.target === tableName('assets', prefix) && s.setting.startsWith('index'));
    expect(assetSteps).toEqual([
      { target: tableName('assets', prefix), setting: 'index AssetTypeIndex', status: 'unchanged' },
      { target: tableName('assets', prefix), setting: 'index UserAssetIndex', status: 'created' },
      { target: tableName('assets', prefix), setting: 'index SyncIndex', status: 'created' },
    ]);
    const described = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('assets', prefix) }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(assets.indexes.map((i) => i.name).sort());
    const kept = await clients.doc.send(new GetCommand({ TableName: tableName('assets', prefix), Key: { assetId: 'a-legacy' }, ConsistentRead: true }));
    expect(kept.Item).toEqual(legacy);
  }, 180_000); // two indexes built by UpdateTable beside a fourth table: DynamoDB Local under load takes its time
});
