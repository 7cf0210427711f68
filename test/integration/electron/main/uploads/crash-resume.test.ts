import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournals } from '@main/uploads/journal';
import { createUploadQueue } from '@main/uploads/queue';
import { stageFromPath } from '@main/uploads/staging';
import { listHistory } from '@main/history/read';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { assetItems, countS3Commands, mp4Bytes, objectBytes, objectKeys, pngBytes, recordingSink, tempDir, writeTemp } from './upload-fixture';

const MIB = 1024 * 1024;
const DRIVER = fileURLToPath(new URL('./upload-driver.ts', import.meta.url));

let backend: TestBackend;
let work: Awaited<ReturnType<typeof tempDir>>;
let child: ChildProcess | undefined;

beforeEach(async () => {
  backend = await useTestBackend();
  work = await tempDir('upload-crash');
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await backend.close();
  await work.remove();
});

type Crash = 'none' | 'itemPending' | 'itemWritten';

/** Runs the queue in a separate main process on the staged file; resolves the process and its stdout lines. */
function startDriver(stagingId: string, crashAt: Crash, partDelayMs = 0) {
  const config = { backend: backend.config, dataDir: `${work.path}/data`, partSize: 5 * MIB, stagingId, userId: 'pilot-1', crashAt, partDelayMs };
  const process_ = spawn(process.execPath, ['--import', 'tsx', DRIVER], {
    env: { ...process.env, PF_UPLOAD_DRIVER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = process_;
  const exited = once(process_, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null }));
  const lines = createInterface({ input: process_.stdout });
  const waitForLine = (wanted: string) =>
    new Promise<void>((resolve, reject) => {
      lines.on('line', (line) => line === wanted && resolve());
      exited.then(() => reject(new Error(`the driver exited before printing "${wanted}"`)), reject);
    });
  return { process: process_, exited, waitForLine };
}

/** The restarted app: a fresh queue on the same data folder, counting what it sends to S3. */
async function restart() {
  const counts = countS3Commands(backend.clients);
  const events = recordingSink();
  const queue = createUploadQueue({ clients: backend.clients, prefix: backend.prefix, dataDir: `${work.path}/data`, events, partSize: 5 * MIB });
  await queue.start();
  await queue.idle();
  return { counts, events, queue };
}

async function stage(name: string, bytes: Buffer) {
  return stageFromPath({ dataDir: `${work.path}/data` }, await writeTemp(work.path, name, bytes));
}

describe('upload queue across crashes', () => {
  it('resumes a multipart upload killed with SIGKILL without re-sending its journaled parts, and ends with one object and one item', async () => {
    const video = mp4Bytes(30 * MIB);
    const staged = await stage('solo.mp4', video);
    const driver = startDriver(staged.stagingId, 'none', 150);
    await driver.waitForLine('part 2');
    driver.process.kill('SIGKILL');
    expect((await driver.exited).signal).toBe('SIGKILL');

    const { jobs } = await readJournals(`${work.path}/data`);
    expect(jobs).toHaveLength(1);
    const journaled = jobs[0]?.parts.length ?? 0;
    expect(jobs[0]?.state).toBe('uploading');
    expect(jobs[0]?.uploadId).toBeDefined();
    expect(journaled).toBeGreaterThanOrEqual(1);
    expect(journaled).toBeLessThan(6);

    const { counts, events, queue } = await restart();
    expect(queue.list()[0]?.state).toBe('done');
    expect(counts.get('UploadPartCommand')).toBe(6 - journaled);
    expect(counts.get('CreateMultipartUploadCommand')).toBeUndefined();
    const items = await assetItems(backend.clients, backend.prefix);
    expect(items).toHaveLength(1);
    expect(await objectKeys(backend.clients)).toEqual([items[0]?.s3Key]);
    expect((await objectBytes(backend.clients, String(items[0]?.s3Key))).equals(video)).toBe(true);
    expect(events.of('sync.poke')).toHaveLength(1);
  });

  it('a kill between "object complete" and "item written" resumes at the item write: one object, one item', async () => {
    const png = await pngBytes(120, 80);
    const staged = await stage('wing.png', png);
    const driver = startDriver(staged.stagingId, 'itemPending');
    expect((await driver.exited).signal).toBe('SIGKILL');
    expect((await readJournals(`${work.path}/data`)).jobs[0]?.state).toBe('itemPending');
    expect(await objectKeys(backend.clients)).toHaveLength(1);
    expect(await assetItems(backend.clients, backend.prefix)).toHaveLength(0);

    const { counts, queue } = await restart();
    expect(queue.list()[0]?.state).toBe('done');
    expect(counts.get('PutObjectCommand')).toBeUndefined();
    const items = await assetItems(backend.clients, backend.prefix);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ metadata: { width: 120, height: 80 }, userId: 'pilot-1', tags: ['crash-test'] });
    expect(await objectKeys(backend.clients)).toEqual([items[0]?.s3Key]);
  });

  it('a kill after the item write but before it was journaled counts the existing item as written (exactly once)', async () => {
    const staged = await stage('hangar.png', await pngBytes(64, 64));
    const driver = startDriver(staged.stagingId, 'itemWritten');
    expect((await driver.exited).signal).toBe('SIGKILL');
    expect((await readJournals(`${work.path}/data`)).jobs[0]?.state).toBe('itemPending');
    const [written] = await assetItems(backend.clients, backend.prefix);
    expect(written).toBeDefined();

    const { queue } = await restart();
    expect(queue.list()[0]).toMatchObject({ state: 'done' });
    expect(queue.list()[0]?.error).toBeUndefined();
    const items = await assetItems(backend.clients, backend.prefix);
    expect(items).toEqual([written]);
    expect(await objectKeys(backend.clients)).toHaveLength(1);
    // The retried transaction was cancelled by the item's condition: the first one's entry is the only one.
    const { entries } = await listHistory(backend.clients, backend.prefix, 'assets', String(written?.assetId));
    expect(entries.map((entry) => entry.kind)).toEqual(['create']);
  });
});
