import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type AwsClients, createAwsClients } from '@main/aws/clients';
import type { CorrectedClock } from '@main/aws/clock';
import { type BackendConfig, BackendConfigSchema } from '@main/aws/config';
import { provision } from '@main/ops/provisioning';
import { ENTITY_NAMES } from '@shared/models';
import { historyTableName, tableName } from '@shared/tables';

export type TestBackend = {
  config: BackendConfig;
  clients: AwsClients;
  /** Unique table prefix of this backend, e.g. `t1a2b3c4d-`. */
  prefix: string;
  /** Drops the tables and closes the clients: call it in the file's `afterAll`. */
  close(): Promise<void>;
};

/** Endpoints of the DynamoDB Local and s3rver started by `backend-global-setup.ts`. */
export function testEndpoints(): { endpoint: string; s3Endpoint: string } {
  return { endpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint') };
}

/**
 * Fresh tables (every table and index of `shared/tables.ts`, under a unique prefix) and a fresh bucket on
 * the run's shared local backend. Call `close()` in `afterAll`/`afterEach`.
 */
export async function useTestBackend(options: { clock?: CorrectedClock } = {}): Promise<TestBackend> {
  const { endpoint, s3Endpoint } = testEndpoints();
  const id = randomUUID().replaceAll('-', '').slice(0, 10);
  const prefix = `t${id}-`;
  const config = BackendConfigSchema.parse({ endpoint, s3Endpoint, tablePrefix: prefix, bucket: `pf-test-${id}` });
  const clients = createAwsClients(config, options.clock);
  await provision(clients, { prefix, bucket: config.bucket, log: () => undefined });
  return {
    config,
    clients,
    prefix,
    async close() {
      await Promise.all(
        [...ENTITY_NAMES.map((entity) => tableName(entity, prefix)), historyTableName(prefix)].map((TableName) =>
          clients.dynamo.send(new DeleteTableCommand({ TableName })).catch(() => undefined),
        ),
      );
      clients.destroy();
    },
  };
}
