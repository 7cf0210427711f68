import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { startDynamoLocal, startLocalBackend } from '@main/ops/local-backend';
import { provision } from '@main/ops/provisioning';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Process ids of Java processes serving DynamoDB Local on this port. */
function javaOnPort(port: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port}`)).map((line) => line.trim().split(' ')[0] ?? '');
}

describe('local backend', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops DynamoDB Local when its parent gets ${signal}`, { timeout: 300_000 }, async () => {
      const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'test/support/local-backend-child.ts'], { stdio: ['ignore', 'pipe', 'ignore'] });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      const started = JSON.parse(line) as { endpoint: string; pid: number };
      const port = new URL(started.endpoint).port;
      const [javaPid] = javaOnPort(port);
      expect(javaPid).toBeDefined();
      // To the process running the script: tsx's own launcher SIGKILLs its child if it is slow to report a relayed signal.
      process.kill(started.pid, signal);
      await exited;
      // Java got SIGTERM on the way out; wait for it to finish closing (no time limit asserted).
      while (isRunning(Number(javaPid))) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(javaOnPort(port)).toEqual([]);
    });
  }

  it('answers on both endpoints once started and leaves no Java process after stop', { timeout: 180_000 }, async () => {
    const dynamo = await startDynamoLocal();
    expect(isRunning(dynamo.pid)).toBe(true);
    await dynamo.stop();
    expect(isRunning(dynamo.pid)).toBe(false);
  });

  it('keeps tables and objects in the data directory across restarts', { timeout: 300_000 }, async () => {
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
