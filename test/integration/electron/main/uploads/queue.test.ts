import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '@shared/api/result';
import { AssetSchema } from '@shared/models/asset';
import { syncBucketOf } from '@shared/tables';
import { createUploadHandlers } from '@main/uploads/handlers';
import { stagingDir } from '@main/uploads/staging';
import { listHistory } from '@main/history/read';
import { type TestBackend, useTestBackend } from '@test/support/backend';
import {
  assetItems,
  countS3Commands,
  mp4Bytes,
  objectBytes,
  objectKeys,
  pngBytes,
  recordingSink,
  sha256,
  tempDir,
  writeTemp,
} from './upload-fixture';

const MIB = 1024 * 1024;
const FAST_RETRY = { baseMs: 5, maxMs: 50, random: Math.random };
const electron = { transport: 'electron' as const };

let backend: TestBackend;
let work: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  backend = await useTestBackend();
  work = await tempDir('uploads');
});

afterEach(async () => {
  await backend.close();
  await work.remove();
});

function services(options: { partSize?: number; partConcurrency?: number; stagingLimits?: { quotaBytes: number } } = {}) {
  const events = recordingSink();
  const uploads = createUploadHandlers({
    clients: backend.clients,
    prefix: backend.prefix,
    dataDir: `${work.path}/data`,
    events,
    retry: FAST_RETRY,
    partSize: options.partSize ?? 5 * MIB,
    ...(options.partConcurrency ? { partConcurrency: options.partConcurrency } : {}),
    ...(options.stagingLimits ? { stagingLimits: options.stagingLimits } : {}),
  });
  return { ...uploads, events };
}

async function stagedCount(): Promise<number> {
  return (await readdir(stagingDir(`${work.path}/data`)).catch(() => [])).length;
}

describe('upload queue', () => {
  it('stages an image (type, size, checksum, dimensions, thumbnail), uploads it whole and writes its Asset item once', async () => {
    const { handlers, events, queue } = services();
    const png = await pngBytes(640, 480);
    const path = await writeTemp(work.path, 'Runway photo (1).png', png);

    const staged = await handlers['uploads.stagePath']({ path }, electron);
    expect(staged).toMatchObject({ fileName: 'Runway photo (1).png', mimeType: 'image/png', assetType: 'image', size: png.length, checksum: sha256(png), width: 640, height: 480 });
    expect(staged.thumbnail).toMatch(/^data:image\/webp;base64,/);
    expect(JSON.stringify(staged)).not.toContain(work.path);

    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'user-7', tags: ['ppl'] }, electron);
    await queue.idle();

    const [done] = (await handlers['uploads.list']({}, electron)).jobs;
    expect(done).toMatchObject({ jobId: job.jobId, state: 'done', bytesSent: png.length });
    const items = await assetItems(backend.clients, backend.prefix);
    expect(items).toHaveLength(1);
    const item = AssetSchema.parse(items[0]);
    expect(item).toMatchObject({
      assetId: job.assetId,
      assetType: 'image',
      mimeType: 'image/png',
      size: png.length,
      userId: 'user-7',
      tags: ['ppl'],
      metadata: { width: 640, height: 480 },
      checksum: sha256(png),
      version: 1,
      clientSeq: {},
      syncBucket: syncBucketOf(job.assetId),
      s3Key: `users/user-7/${job.assetId}/Runway-photo-1.png`,
    });
    expect(item.createdAt).toBe(item.updatedAt);
    expect(item.s3Url).toBe(`${backend.config.s3Endpoint}/${backend.config.bucket}/users/user-7/${job.assetId}/Runway-photo-1.png`);
    expect(await objectBytes(backend.clients, item.s3Key)).toEqual(png);
    const head = await backend.clients.s3.send(new HeadObjectCommand({ Bucket: backend.config.bucket, Key: item.s3Key }));
    expect(head.ContentType).toBe('image/png');
    expect(events.of('sync.poke')).toEqual([{ reason: 'upload', entity: 'assets' }]);
    expect(events.of('uploads.changed').map((j) => j.state)).toEqual(expect.arrayContaining(['queued', 'uploading', 'objectComplete', 'itemPending', 'done']));
    expect(await stagedCount()).toBe(0);

    // Viewing: the thumbnail stays cached for the offline grid; previews go through a presigned GET.
    const thumbnail = await handlers['assets.thumbnail']({ assetId: job.assetId }, electron);
    expect(thumbnail.dataUrl).toBe(staged.thumbnail);
    const preview = await handlers['assets.previewUrl']({ s3Key: item.s3Key }, electron);
    expect(preview.url).toContain('X-Amz-Signature=');
    expect(Buffer.from(await (await fetch(preview.url)).arrayBuffer())).toEqual(png);
    await expect(handlers['assets.previewUrl']({ s3Key: 'elsewhere/secret.txt' }, electron)).rejects.toThrow(ApiFailure);
  });

  it('names the person who queued the file as the item’s last change and records its creation in the history, with the item’s fields', async () => {
    const { handlers, queue } = services();
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'licence.png', await pngBytes(40, 30)) }, electron);
    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u-raj', tags: ['licence'], uploadedBy: 'Fran Office' }, electron);
    await queue.idle();
    const [item] = await assetItems(backend.clients, backend.prefix);
    expect(item).toMatchObject({ assetId: job.assetId, updatedBy: 'Fran Office' });
    const { entries, outside } = await listHistory(backend.clients, backend.prefix, 'assets', job.assetId);
    expect(entries).toHaveLength(1);
    // The entry replays to the stored item: nothing reads as changed outside the app.
    expect(outside).toBeNull();
    const [entry] = entries;
    expect(entry).toMatchObject({ kind: 'create', source: 'upload', version: 1, updatedBy: 'Fran Office', updatedAt: item?.updatedAt, mutationId: `upload:${job.jobId}` });
    const fields = Object.fromEntries((entry?.changes ?? []).map((change) => [change.path.join('.'), change.new]));
    expect(fields).toMatchObject({ userId: '"u-raj"', tags: '["licence"]', fileName: '"licence.png"', s3Key: JSON.stringify(item?.s3Key) });
    expect(Object.keys(fields)).not.toContain('version');
    expect(Object.keys(fields)).not.toContain('assetId');
  });

  it('writes the document kind and dates given at upload into the asset item’s metadata, beside the image size', async () => {
    const { handlers, queue } = services();
    const scan = await pngBytes(120, 80);
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'medical scan.png', scan) }, electron);
    const document = { documentKind: 'medical', issuedOn: '2025-06-01', expiresOn: '2026-05-31' };
    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u-alice', tags: [], document }, electron);
    await queue.idle();
    const [item] = await assetItems(backend.clients, backend.prefix);
    expect(AssetSchema.parse(item)).toMatchObject({ assetId: job.assetId, metadata: { width: 120, height: 80, ...document } });
  });

  it('makes and caches a thumbnail for an image asset uploaded elsewhere', async () => {
    const first = services();
    const png = await pngBytes(300, 200);
    const staged = await first.handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'a.png', png) }, electron);
    const job = await first.handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u1', tags: [] }, electron);
    await first.queue.idle();
    const [item] = await assetItems(backend.clients, backend.prefix);

    const other = createUploadHandlers({ clients: backend.clients, prefix: backend.prefix, dataDir: `${work.path}/other`, events: recordingSink() });
    expect((await other.handlers['assets.thumbnail']({ assetId: job.assetId }, electron)).dataUrl).toBeNull();
    const made = await other.handlers['assets.thumbnail']({ assetId: job.assetId, s3Key: String(item?.s3Key) }, electron);
    expect(made.dataUrl).toMatch(/^data:image\/webp;base64,/);
    expect((await other.handlers['assets.thumbnail']({ assetId: job.assetId }, electron)).dataUrl).toBe(made.dataUrl);
  });

  it('uploads a 30 MB video in 5 MB parts, several in flight, and the stored bytes match', async () => {
    const { handlers, events, queue } = services({ partSize: 5 * MIB, partConcurrency: 3 });
    const counts = countS3Commands(backend.clients);
    const video = mp4Bytes(30 * MIB + 123);
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'circuit.mp4', video) }, electron);
    expect(staged).toMatchObject({ mimeType: 'video/mp4', assetType: 'video', size: video.length });

    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u2', tags: [] }, electron);
    await queue.idle();

    expect(counts.get('UploadPartCommand')).toBe(7);
    expect(counts.get('CreateMultipartUploadCommand')).toBe(1);
    expect(counts.get('PutObjectCommand')).toBeUndefined();
    const items = await assetItems(backend.clients, backend.prefix);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ assetId: job.assetId, assetType: 'video', size: video.length });
    expect(await objectKeys(backend.clients)).toEqual([items[0]?.s3Key]);
    expect((await objectBytes(backend.clients, String(items[0]?.s3Key))).equals(video)).toBe(true);
    const progress = events.of('uploads.progress');
    expect(progress.at(-1)).toMatchObject({ jobId: job.jobId, bytesSent: video.length, size: video.length });
    expect(progress.map((p) => p.bytesSent)).toEqual([...progress.map((p) => p.bytesSent)].sort((a, b) => a - b));
  });

  it('retries injected resets and 500/503 answers until the upload completes', async () => {
    const { handlers, events, queue } = services({ partSize: 5 * MIB });
    const faults = [
      () => Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' }),
      () => Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }),
      () => Object.assign(new Error('We encountered an internal error'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }),
    ];
    const injected: string[] = [];
    backend.clients.s3.middlewareStack.add(
      (next, context) => async (args) => {
        // Each kind of S3 call fails on its first three attempts, one fault of each kind.
        const name = context.commandName ?? '';
        const attempt = injected.filter((seen) => seen === name).length;
        if (attempt < faults.length && ['CreateMultipartUploadCommand', 'UploadPartCommand', 'CompleteMultipartUploadCommand'].includes(name)) {
          injected.push(name);
          throw faults[attempt]?.();
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectS3Faults' },
    );
    const video = mp4Bytes(12 * MIB);
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'faulty.mp4', video) }, electron);
    await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u3', tags: [] }, electron);
    await queue.idle();

    expect(injected).toHaveLength(9);
    const [job] = queue.list();
    expect(job?.state).toBe('done');
    expect(events.of('uploads.changed').some((j) => j.error?.startsWith('Waiting to retry: S3 answered 503'))).toBe(true);
    const items = await assetItems(backend.clients, backend.prefix);
    expect(items).toHaveLength(1);
    expect((await objectBytes(backend.clients, String(items[0]?.s3Key))).equals(video)).toBe(true);
  });

  it('fails a job S3 refuses for good, and resumes it on request', async () => {
    const { handlers, queue } = services();
    let refuse = true;
    backend.clients.s3.middlewareStack.add(
      (next) => async (args) => {
        if (refuse) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        return next(args);
      },
      { step: 'initialize', name: 'refuseS3' },
    );
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'x.png', await pngBytes(20, 20)) }, electron);
    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u4', tags: [] }, electron);
    await queue.idle();
    expect(queue.list()[0]).toMatchObject({ state: 'failed', error: 'S3 refused the request: AccessDenied (403)' });
    expect(await assetItems(backend.clients, backend.prefix)).toHaveLength(0);

    refuse = false;
    await handlers['uploads.resume']({ jobId: job.jobId }, electron);
    await queue.idle();
    expect(queue.list()[0]?.state).toBe('done');
    expect(await assetItems(backend.clients, backend.prefix)).toHaveLength(1);
  });

  it('pauses between parts and resumes without re-sending finished parts', async () => {
    const { handlers, queue } = services({ partSize: 5 * MIB, partConcurrency: 1 });
    const counts = countS3Commands(backend.clients);
    let release!: () => void;
    const secondPartHeld = new Promise<void>((resolve) => (release = resolve));
    let reachedSecond!: () => void;
    const atSecond = new Promise<void>((resolve) => (reachedSecond = resolve));
    backend.clients.s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UploadPartCommand' && (args.input as { PartNumber: number }).PartNumber === 2) {
          reachedSecond();
          await secondPartHeld;
        }
        return next(args);
      },
      { step: 'initialize', name: 'holdSecondPart' },
    );
    const video = mp4Bytes(15 * MIB);
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'p.mp4', video) }, electron);
    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u5', tags: [] }, electron);
    await atSecond;
    const paused = await handlers['uploads.pause']({ jobId: job.jobId }, electron);
    expect(paused).toMatchObject({ paused: true, state: 'uploading', bytesSent: 5 * MIB });
    release();
    await queue.idle();
    expect(queue.list()[0]).toMatchObject({ paused: true, state: 'uploading' });

    await handlers['uploads.resume']({ jobId: job.jobId }, electron);
    await queue.idle();
    expect(queue.list()[0]?.state).toBe('done');
    // Part 1 once; part 2 twice (its first send was stopped by the pause); part 3 once.
    expect(counts.get('UploadPartCommand')).toBe(4);
    expect((await objectBytes(backend.clients, String((await assetItems(backend.clients, backend.prefix))[0]?.s3Key))).equals(video)).toBe(true);
  });

  it('cancel stops the upload, says abort is not supported locally, and leaves no object and no item', async () => {
    const { handlers, queue, events } = services({ partSize: 5 * MIB, partConcurrency: 1 });
    let reached!: () => void;
    const atSecond = new Promise<void>((resolve) => (reached = resolve));
    backend.clients.s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UploadPartCommand' && (args.input as { PartNumber: number }).PartNumber === 2) reached();
        return next(args);
      },
      { step: 'initialize', name: 'seeSecondPart' },
    );
    const staged = await handlers['uploads.stagePath']({ path: await writeTemp(work.path, 'c.mp4', mp4Bytes(15 * MIB)) }, electron);
    const job = await handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u6', tags: [] }, electron);
    await atSecond;
    const cancelled = await handlers['uploads.cancel']({ jobId: job.jobId }, electron);
    await queue.idle();

    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.notice).toContain('not supported locally');
    expect(events.of('uploads.changed').at(-1)).toMatchObject({ state: 'cancelled' });
    expect(await objectKeys(backend.clients)).toEqual([]);
    expect(await assetItems(backend.clients, backend.prefix)).toHaveLength(0);
    expect(await stagedCount()).toBe(0);
    await expect(handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'u6', tags: [] }, electron)).rejects.toThrow(/no longer staged/);
  });

  it('refuses a file whose bytes do not match its extension, or of a type the app does not take, leaving nothing staged', async () => {
    const { handlers } = services();
    const pngNamedPdf = await writeTemp(work.path, 'medical.pdf', await pngBytes(10, 10));
    await expect(handlers['uploads.stagePath']({ path: pngNamedPdf }, electron)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'medical.pdf is named .pdf but its contents are image/png; rename it to .png if that is right.',
    });
    const text = await writeTemp(work.path, 'notes.jpg', Buffer.from('just some text, not a photo\n'.repeat(50)));
    await expect(handlers['uploads.stagePath']({ path: text }, electron)).rejects.toMatchObject({ code: 'unsupported' });
    const zip = await writeTemp(work.path, 'bundle.zip', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100)]));
    await expect(handlers['uploads.stagePath']({ path: zip }, electron)).rejects.toMatchObject({ code: 'unsupported' });
    expect(await stagedCount()).toBe(0);
  });

  it('takes a path only from the Electron transport, never from a page on the loopback server', async () => {
    const { handlers } = services();
    const path = await writeTemp(work.path, 'x.png', await pngBytes(10, 10));
    await expect(handlers['uploads.stagePath']({ path }, { transport: 'web' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await stagedCount()).toBe(0);
  });

  it('lists staged files not queued yet, refuses one past the staging quota, and drops them when discarded, queued or an hour old', async () => {
    const { handlers, startUploadQueue, stop } = services({ stagingLimits: { quotaBytes: 3 * MIB } });
    const video = await writeTemp(work.path, 'debrief.mp4', mp4Bytes(2 * MIB));
    const other = await writeTemp(work.path, 'walkaround.mp4', mp4Bytes(2 * MIB));
    const photo = await writeTemp(work.path, 'runway.png', await pngBytes(40, 30));
    const first = await handlers['uploads.stagePath']({ path: video }, electron);
    await expect(handlers['uploads.stagePath']({ path: other }, electron)).rejects.toMatchObject({
      code: 'too_large',
      message:
        'There is no room to add walkaround.mp4 (2 MB): files waiting to be uploaded may take 3 MB on this computer, and 2 MB already do. Upload or remove some of them, then add walkaround.mp4 again.',
    });
    const second = await handlers['uploads.stagePath']({ path: photo }, electron);
    const listed = await handlers['uploads.staged']({}, electron);
    expect(listed).toMatchObject({ quotaBytes: 3 * MIB, totalBytes: first.size + second.size });
    expect(listed.files.map((file) => [file.stagingId, file.fileName, file.assetType])).toEqual([
      [first.stagingId, 'debrief.mp4', 'video'],
      [second.stagingId, 'runway.png', 'image'],
    ]);
    expect(listed.files[1]?.thumbnail).toBe(second.thumbnail);

    // Queued, the video no longer counts, so the other one fits; discarded, the photo leaves the list.
    await handlers['uploads.enqueue']({ stagingId: first.stagingId, userId: 'user-7', tags: [] }, electron);
    const third = await handlers['uploads.stagePath']({ path: other }, electron);
    expect(await handlers['uploads.discard']({ stagingId: second.stagingId }, electron)).toEqual({ discarded: true });
    expect((await handlers['uploads.staged']({}, electron)).files.map((file) => file.stagingId)).toEqual([third.stagingId]);

    // Left an hour: the next start discards it.
    const anHourAgo = new Date(Date.now() - 3600_000 - 60_000);
    const record = join(stagingDir(`${work.path}/data`), `${third.stagingId}.json`);
    await utimes(record, anHourAgo, anHourAgo);
    await utimes(join(stagingDir(`${work.path}/data`), third.stagingId), anHourAgo, anHourAgo);
    await startUploadQueue();
    expect(await handlers['uploads.staged']({}, electron)).toEqual({ files: [], totalBytes: 0, quotaBytes: 3 * MIB });
    await expect(handlers['uploads.enqueue']({ stagingId: third.stagingId, userId: 'user-7', tags: [] }, electron)).rejects.toMatchObject({ code: 'not_found' });
    await stop();
  });
});
