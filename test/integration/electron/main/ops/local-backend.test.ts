import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { findJava, startDynamoLocal, startLocalBackend } from '@main/ops/local-backend';
import { provision } from '@main/ops/provisioning';
import { isLoopback, listeningSockets } from '@test/support/listening-sockets';
import { testEndpoints } from '@test/support/backend';

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

  it('keeps DynamoDB Local on 127.0.0.1 and answers no web page', { timeout: 180_000 }, async () => {
    const dynamo = await startDynamoLocal();
    try {
      expect(dynamo.warning).toBeUndefined();
      const port = Number(new URL(dynamo.endpoint).port);
      const sockets = listeningSockets([dynamo.pid]);
      expect(sockets.map((socket) => socket.port)).toContain(port);
      expect(sockets.filter((socket) => !isLoopback(socket.address))).toEqual([]);
      // What a page's fetch would send (a call needs X-Amz-Target, so a preflight first): no origin may read the answers.
      const headers = { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-amz-target,content-type' };
      const preflight = await fetch(dynamo.endpoint, { method: 'OPTIONS', headers });
      const call = await fetch(dynamo.endpoint, {
        method: 'POST',
        headers: { Origin: 'http://evil.example', 'X-Amz-Target': 'DynamoDB_20120810.ListTables', 'Content-Type': 'application/x-amz-json-1.0' },
        body: '{}',
      });
      expect([preflight.headers.get('access-control-allow-origin'), call.headers.get('access-control-allow-origin')]).toEqual([null, null]);
    } finally {
      await dynamo.stop();
    }
  });

  it('warns when this Java cannot compile the loopback launcher, and then really listens on every interface', { timeout: 180_000 }, async () => {
    // A Java without the compiler module, as a bare JRE is: the compiler call fails as it would there.
    const fakeHome = await mkdtemp(join(tmpdir(), 'pf-jre-'));
    await mkdir(join(fakeHome, 'bin'));
    const realJava = execFileSync('sh', ['-c', `command -v ${findJava()}`], { encoding: 'utf8' }).trim();
    const script = `#!/bin/sh\nif [ "$1" = "-m" ]; then echo 'Error occurred during initialization of boot layer' >&2; echo 'java.lang.module.FindException: Module jdk.compiler not found' >&2; exit 1; fi\nexec ${realJava} "$@"\n`;
    await writeFile(join(fakeHome, 'bin', 'java'), script);
    await chmod(join(fakeHome, 'bin', 'java'), 0o755);
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = fakeHome;
    try {
      const dynamo = await startDynamoLocal({ launcherCacheDir: join(fakeHome, 'cache') });
      try {
        expect(dynamo.warning).toMatch(/listens on every network interface .*no compiler module/);
        const port = Number(new URL(dynamo.endpoint).port);
        expect(listeningSockets([dynamo.pid]).filter((socket) => socket.port === port).map((socket) => socket.address)).toContainEqual(expect.stringMatching(/^(::|0\.0\.0\.0)$/));
      } finally {
        await dynamo.stop();
      }
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
      await rm(fakeHome, { recursive: true, force: true });
    }
  });

  it('s3rver refuses what a web page could send: unsigned requests, and query-signed ones other than reads', async () => {
    const { s3Endpoint } = testEndpoints();
    const clients = createAwsClients(BackendConfigSchema.parse({ endpoint: testEndpoints().endpoint, s3Endpoint, tablePrefix: 's3guard-', bucket: 'pf-s3guard' }));
    try {
      await clients.s3.send(new CreateBucketCommand({ Bucket: 'pf-s3guard' }));
      await clients.s3.send(new PutObjectCommand({ Bucket: 'pf-s3guard', Key: 'kept.txt', Body: 'kept' }));
      const form = new FormData();
      form.set('key', 'planted.txt');
      form.set('file', new Blob(['planted']), 'planted.txt');
      const forgedQuery = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00';
      const refused = [
        await fetch(`${s3Endpoint}/pf-s3guard`, { method: 'POST', body: form }),
        await fetch(`${s3Endpoint}/pf-s3guard?${forgedQuery}`, { method: 'POST', body: form }),
        await fetch(`${s3Endpoint}/pf-s3guard?delete`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '<Delete><Object><Key>kept.txt</Key></Object></Delete>' }),
        await fetch(`${s3Endpoint}/pf-s3guard/kept.txt`),
        await fetch(`${s3Endpoint}/pf-s3guard/kept.txt`, { method: 'DELETE' }),
      ];
      expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
      // Nothing changed: the object is still there and nothing was planted; signed calls pass.
      expect(await (await clients.s3.send(new GetObjectCommand({ Bucket: 'pf-s3guard', Key: 'kept.txt' }))).Body?.transformToString()).toBe('kept');
      const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: 'pf-s3guard' }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual(['kept.txt']);
    } finally {
      clients.destroy();
    }
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
