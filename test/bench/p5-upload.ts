import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUploadHandlers } from '@main/uploads/handlers';
import type { BenchContext } from './context';
import type { Figure } from './report';

const MIB = 1024 * 1024;

/**
 * P5: a large file through the app's upload path as the Electron window drives it (stage from a path:
 * copy + SHA-256 + MD5 + type sniffing; enqueue; multipart parts from the staged copy with a journal;
 * the Asset item written last), vs a direct lib-storage Upload of the same file to the same s3rver with
 * the same part size and parallelism. RSS growth is this process's (where the upload code runs) peak
 * during the app's upload over its RSS just before.
 */
export async function benchUpload(ctx: BenchContext): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pf-bench-upload-'));
  try {
    const file = join(dir, 'bench-upload.mp4');
    await writeVideoLikeFile(file, ctx.sizes.uploadMb * MIB);
    const bucket = ctx.clients.config.bucket;
    await ctx.clients.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);

    const partSize = 8 * MIB;
    const partConcurrency = 4;
    const uploads = createUploadHandlers({ clients: ctx.clients, prefix: ctx.largePrefix, dataDir: join(dir, 'app'), events: { emit: () => undefined }, partSize, partConcurrency });
    await uploads.startUploadQueue();
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 50);
    const started = performance.now();
    const staged = await uploads.handlers['uploads.stagePath']({ path: file }, { transport: 'electron' });
    const stageMs = performance.now() - started;
    await uploads.handlers['uploads.enqueue']({ stagingId: staged.stagingId, userId: 'bench-user-000001', tags: ['bench'] }, { transport: 'electron' });
    await uploads.queue.idle();
    const appMs = performance.now() - started;
    clearInterval(sampler);
    const job = uploads.queue.list()[0];
    await uploads.queue.stop();
    if (job?.state !== 'done') throw new Error(`P5: the upload job ended ${JSON.stringify(job ?? null)}`);
    ctx.log(`P5 app upload of ${ctx.sizes.uploadMb} MB: ${appMs.toFixed(0)} ms (staging ${stageMs.toFixed(0)} ms), RSS +${((rssPeak - rssBefore) / MIB).toFixed(0)} MB`);

    const directStarted = performance.now();
    await new Upload({
      client: ctx.clients.s3,
      params: { Bucket: bucket, Key: 'bench/direct-upload.mp4', Body: createReadStream(file), ContentType: 'video/mp4' },
      partSize,
      queueSize: partConcurrency,
    }).done();
    const directMs = performance.now() - directStarted;
    ctx.log(`P5 direct lib-storage Upload: ${directMs.toFixed(0)} ms`);

    const params = { sizeMb: ctx.sizes.uploadMb, appStageMs: Math.round(stageMs), appTransferMs: Math.round(appMs - stageMs), partSizeMb: partSize / MIB, partConcurrency, target: 's3rver 3.7.1 on loopback', staging: 'copy + SHA-256 + MD5 in one pass, type sniffed' };
    return [
      { id: 'P5', what: `${ctx.sizes.uploadMb} MB upload through the queue (staging + checksum) vs direct lib-storage Upload`, value: appMs, baseline: directMs, goal: 1.15, unit: 'ms', params },
      { id: 'P5-rss', what: 'main RSS growth during the upload', value: (rssPeak - rssBefore) / MIB, goal: 150, unit: 'MB', compare: 'below', params },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Random bytes behind an MP4 `ftyp` box, so the type sniffing accepts it as a video. */
async function writeVideoLikeFile(path: string, size: number): Promise<void> {
  const header = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('mp42isom')]);
  const handle = await open(path, 'w');
  try {
    await handle.write(header);
    for (let written = header.length; written < size; ) {
      const chunk = randomBytes(Math.min(4 * MIB, size - written));
      await handle.write(chunk);
      written += chunk.length;
    }
  } finally {
    await handle.close();
  }
}
