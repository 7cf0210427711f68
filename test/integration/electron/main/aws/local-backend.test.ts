import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../../../electron/main/aws/clients';
import { BackendConfigSchema } from '../../../../../electron/main/aws/config';
import { startDynamoLocal, startLocalBackend } from '../../../../../electron/main/aws/local-backend';
import { provision } from '../../../../../electron/main/aws/provisioning';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local backend', () => {
  it('answers on both endpoints once started and leaves no Java process after stop', async () => {
    const dynamo = await startDynamoLocal();
    expect(isRunning(dynamo.pid)).toBe(true);
    await dynamo.stop();
    expect(isRunning(dynamo.pid)).toBe(false);
  });

  it('keeps tables and objects in the data directory across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pf-local-'));
    try {
      const first = await startLocalBackend({ dataDir });
      const config = BackendConfigSchema.parse({ endpoint: first.endpoint, s3Endpoint: first.s3Endpoint, tablePrefix: 'dev-', bucket: 'pf-dev' });
      const clients = createAwsClients(config);
      await provision(clients, { prefix: 'dev-', bucket: 'pf-dev', log: () => undefined });
      clients.destroy();
      await first.stop();

      const second = await startLocalBackend({ dataDir });
      const again = createAwsClients({ ...config, endpoint: second.endpoint, s3Endpoint: second.s3Endpoint });
      const tables = await again.dynamo.send(new ListTablesCommand({}));
      expect(tables.TableNames).toEqual(expect.arrayContaining(['dev-PilotForce-Users', 'dev-PilotForce-Bookings', 'dev-PilotForce-Assets']));
      const buckets = await again.s3.send(new ListBucketsCommand({}));
      expect(buckets.Buckets?.map((b) => b.Name)).toContain('pf-dev');
      again.destroy();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
