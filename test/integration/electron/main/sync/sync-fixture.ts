import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { ENTITY_NAMES } from '../../../../../shared/models';
import { TABLES, tableName } from '../../../../../shared/tables';
import { type AwsClients, createAwsClients } from '../../../../../electron/main/aws/clients';
import { CorrectedClock } from '../../../../../electron/main/aws/clock';
import { type FaultInjector, injectFaults } from '../../../../../electron/main/sync/fault-injection';

/**
 * Tables of this test file on the shared DynamoDB Local, under a unique prefix. Each `connect()` is one
 * more app process (own clients, clock, fault injector) against the same tables.
 */
export function useSyncTables() {
  const endpoint = process.env.PF_TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('PF_TEST_DYNAMODB_ENDPOINT is not set');
  const prefix = `t${randomUUID().slice(0, 8)}-`;
  const opened: AwsClients[] = [];
  const connect = (options: { clockSkewMs?: number } = {}): { clients: AwsClients; faults: FaultInjector; prefix: string } => {
    const skew = options.clockSkewMs ?? 0;
    const clients = createAwsClients(
      { endpoint, region: 'us-east-1', tablePrefix: prefix, bucket: 'pilotforce-user-assets' },
      new CorrectedClock(() => Date.now() + skew),
    );
    opened.push(clients);
    return { clients, faults: injectFaults(clients.dynamo), prefix };
  };
  const admin = connect().clients;
  beforeAll(async () => {
    await Promise.all(
      ENTITY_NAMES.map((entity) => {
        const table = TABLES[entity];
        const attributes = new Map<string, string>([[table.partitionKey.name, table.partitionKey.type]]);
        for (const index of table.indexes) {
          attributes.set(index.partitionKey.name, index.partitionKey.type);
          if (index.sortKey) attributes.set(index.sortKey.name, index.sortKey.type);
        }
        return admin.dynamo.send(
          new CreateTableCommand({
            TableName: tableName(entity, prefix),
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' | 'N' })),
            KeySchema: [{ AttributeName: table.partitionKey.name, KeyType: 'HASH' }],
            GlobalSecondaryIndexes: table.indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
                ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: { ProjectionType: 'ALL' },
            })),
          }),
        );
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(ENTITY_NAMES.map((entity) => admin.dynamo.send(new DeleteTableCommand({ TableName: tableName(entity, prefix) })).catch(() => undefined)));
    for (const clients of opened) clients.destroy();
  });
  return { prefix, connect, admin };
}
