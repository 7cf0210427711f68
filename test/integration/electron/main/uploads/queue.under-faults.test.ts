import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAULT_KINDS, S3_FAULT_KINDS, injectFaults, injectS3Faults } from '@test/support/fault-injection';
import { createUploadHandlers } from '@main/uploads/handlers';
import { listHistory } from '@main/history/read';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import { assetItems, mp4Bytes, objectBytes, objectKeys, pngBytes, recordingSink, sha256, tempDir, writeTemp } from './upload-fixture';

const MIB = 1024 * 1024;
const FAST_RETRY = { baseMs: 5, maxMs: 50, random: Math.random };
const electron = { transport: 'electron' as const };

let backend: TestBackend;
let work: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  backend = await useTestBackend();
  work = await tempDir('upload-faults');
});

afterEach(async () => {
  await backend.close();
  await work.remove();
});

function services() {
  const uploads = createUploadHandlers({
    clients: backend.clients,
    prefix: backend.prefix,
    dataDir: `${work.path}/data`,
    events: recordingSink(),
    retry: FAST_RETRY,
    partSize: 5 * MIB,
    partConcurrency: 2,
  });
  return uploads;
}

/** Stages and queues each file; returns the bytes expected under each job's asset id. */
async function uploadAll(uploads: ReturnType<typeof services>, files: Array<{ name: string; bytes: Buffer }>): Promise<Map<string, Buffer>> {
  const expected = new Map<string, Buffer>();
  for (const file of files) {
    const staged = await uploads.handlers['uploads.stagePath']({ path: await writeTemp(work.path, file.name, file.bytes) }, electron);
    const job = await uploads.handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u-faults', tags: [] }, electron);
    expected.set(job.assetId, file.bytes);
  }
  await uploads.queue.idle();
  return expected;
}

/** Every job done, exactly one item, one object and one history entry (its creation) per job, each object holding the file's bytes. */
async function expectExactlyOnce(uploads: ReturnType<typeof services>, expected: Map<string, Buffer>): Promise<void> {
  expect(uploads.queue.list().map((job) => job.state)).toEqual([...expected.keys()].map(() => 'done'));
  const items = await assetItems(backend.clients, backend.prefix);
  expect(items.map((item) => item.assetId).sort()).toEqual([...expected.keys()].sort());
  expect((await objectKeys(backend.clients)).sort()).toEqual(items.map((item) => String(item.s3Key)).sort());
  for (const item of items) {
    const bytes = expected.get(String(item.assetId)) as Buffer;
    expect(item.checksum).toBe(sha256(bytes));
    expect((await objectBytes(backend.clients, String(item.s3Key))).equals(bytes)).toBe(true);
    const { entries } = await listHistory(backend.clients, backend.prefix, 'assets', String(item.assetId));
    expect(entries.map((entry) => [entry.kind, entry.source, entry.version])).toEqual([['create', 'upload', 1]]);
  }
}

describe('upload queue under S3 faults', () => {
  it('finishes whole and multipart uploads through seeded resets, timeouts, 500, 503, SlowDown and lost responses', async () => {
    const uploads = services();
    const faults = injectS3Faults(backend.clients.s3, {
      seed: 20261126,
      probabilities: Object.fromEntries(S3_FAULT_KINDS.map((kind) => [kind, 0.1])),
    });
    const files = [
      { name: 'circuit.mp4', bytes: mp4Bytes(12 * MIB) },
      { name: 'crosswind.mp4', bytes: mp4Bytes(11 * MIB) },
      { name: 'ramp.png', bytes: await pngBytes(200, 100) },
      { name: 'panel.png', bytes: await pngBytes(90, 60) },
      { name: 'tail.png', bytes: await pngBytes(40, 40) },
    ];
    const expected = await uploadAll(uploads, files);
    faults.disable();

    await expectExactlyOnce(uploads, expected);
    // The run met every kind of fault, lost responses included.
    for (const kind of S3_FAULT_KINDS) expect(faults.counts[kind], kind).toBeGreaterThan(0);
  });

  it('every kind of fault on every step (create, parts, complete, head, whole PutObject) is retried to one object and one item each', async () => {
    const uploads = services();
    const faults = injectS3Faults(backend.clients.s3);
    for (const operation of ['CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'HeadObject', 'PutObject']) {
      for (const kind of S3_FAULT_KINDS) faults.script(kind, operation);
    }
    const expected = await uploadAll(uploads, [
      { name: 'scripted.mp4', bytes: mp4Bytes(6 * MIB) },
      { name: 'scripted.png', bytes: await pngBytes(30, 20) },
    ]);
    // Each kind met at least the four operations every upload sends.
    for (const kind of S3_FAULT_KINDS) expect(faults.counts[kind], kind).toBeGreaterThanOrEqual(4);
    await expectExactlyOnce(uploads, expected);
  });

  it('every kind of DynamoDB fault on the asset item write (throttling included, a 400) is retried: the object gets its item', async () => {
    const uploads = services();
    const faults = injectFaults(backend.clients.dynamo);
    // The item is written with its history entry in one transaction.
    for (const kind of FAULT_KINDS) faults.script(kind, 'TransactWriteItems');
    const expected = await uploadAll(uploads, [{ name: 'throttled.png', bytes: await pngBytes(30, 20) }]);
    for (const kind of FAULT_KINDS) expect(faults.counts[kind], kind).toBe(1);
    await expectExactlyOnce(uploads, expected);
  });
});
