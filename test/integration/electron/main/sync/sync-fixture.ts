import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { type AwsClients, createAwsClients } from '@main/aws/clients';
import { CorrectedClock } from '@main/aws/clock';
import { provision } from '@main/ops/provisioning';
import { type FaultInjector, injectFaults } from '@test/support/fault-injection';
import { testEndpoints } from '@test/support/backend';

/**
 * Tables of this test file (provisioned as `db:setup` does) on the run's shared DynamoDB Local, under a
 * unique prefix. Each `connect()` is one more app process (own clients, skewed clock, fault injector)
 * against the same tables, which `useTestBackend`'s single client does not model.
 */
export function useSyncTables() {
  const { endpoint } = testEndpoints();
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
    await provision(admin, { prefix, log: () => undefined });
  });
  afterAll(async () => {
    await Promise.all(ENTITY_NAMES.map((entity) => admin.dynamo.send(new DeleteTableCommand({ TableName: tableName(entity, prefix) })).catch(() => undefined)));
    for (const clients of opened) clients.destroy();
  });
  return { prefix, connect, admin };
}
