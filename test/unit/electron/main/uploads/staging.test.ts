import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStagingArea, discardStaged, diskFreeBytes, pruneStaging, readStagedRecord, stageFromStream, stagingDir } from '@main/uploads/staging';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pf-staging-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 4, background: '#ffffff80' } }).png().toBuffer();
const staged = async () => readdir(stagingDir(dataDir)).catch(() => []);

describe('staging from a stream (the browser build)', () => {
  it('stages the bytes with type, checksums and dimensions, keeping the MD5 for the queue and no path for the renderer', async () => {
    const bytes = await png(1000, 500);
    const file = await stageFromStream({ dataDir }, Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), { fileName: 'C:\\fakepath\\tail.PNG' });
    expect(file).toMatchObject({ fileName: 'tail.PNG', mimeType: 'image/png', assetType: 'image', size: bytes.length, width: 1000, height: 500 });
    const thumbnail = Buffer.from(String(file.thumbnail).replace('data:image/webp;base64,', ''), 'base64');
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'webp', width: 256, height: 128 });
    expect((await readStagedRecord(dataDir, file.stagingId))?.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(await discardStaged(dataDir, file.stagingId)).toBe(true);
    expect(await staged()).toEqual([]);
  });

  it('stops copying at the size limit and leaves nothing staged', async () => {
    const bytes = await png(64, 64);
    await expect(stageFromStream({ dataDir, maxBytes: 100 }, Readable.from([bytes]), { fileName: 'big.png' })).rejects.toMatchObject({ code: 'too_large' });
    expect(await staged()).toEqual([]);
  });

  it('refuses a stream that fails midway, and a PDF named .jpg, leaving nothing staged', async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(stageFromStream({ dataDir }, broken, { fileName: 'x.pdf' })).rejects.toMatchObject({ code: 'internal' });
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    await expect(stageFromStream({ dataDir }, Readable.from([pdf]), { fileName: 'scan.jpg' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('its contents are application/pdf'),
    });
    const accepted = await stageFromStream({ dataDir }, Readable.from([pdf]), { fileName: 'scan.pdf' });
    expect(accepted).toMatchObject({ assetType: 'document', mimeType: 'application/pdf' });
    expect(accepted.thumbnail).toBeUndefined();
    expect((await staged()).filter((name) => !name.startsWith(accepted.stagingId))).toEqual([]);
  });

  it('takes back no staged record whose MIME type does not fit its asset type (edited on disk)', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const file = await stageFromStream({ dataDir }, Readable.from([pdf]), { fileName: 'scan.pdf' });
    const record = join(stagingDir(dataDir), `${file.stagingId}.json`);
    await writeFile(record, JSON.stringify({ ...JSON.parse(await readFile(record, 'utf8')), mimeType: 'text/html' }));
    expect(await readStagedRecord(dataDir, file.stagingId)).toBeUndefined();
  });
});

describe('pruning the staging folder', () => {
  it('removes old staged files no job uses and keeps recent or queued ones', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const queued = await stageFromStream({ dataDir }, Readable.from([pdf]), { fileName: 'a.pdf' });
    const forgotten = await stageFromStream({ dataDir }, Readable.from([pdf]), { fileName: 'b.pdf' });
    const inTwoDays = Date.now() + 2 * 24 * 3600_000;
    expect(await pruneStaging(dataDir, new Set([queued.stagingId]), 24 * 3600_000, Date.now())).toBe(0);
    expect(await pruneStaging(dataDir, new Set([queued.stagingId]), 24 * 3600_000, inTwoDays)).toBe(1);
    expect(await readStagedRecord(dataDir, queued.stagingId)).toBeDefined();
    expect(await readStagedRecord(dataDir, forgotten.stagingId)).toBeUndefined();
    expect((await staged()).sort()).toEqual([queued.stagingId, `${queued.stagingId}.json`].sort());
  });
});

describe('the staging area: quota, free disk, unqueued files', () => {
  const KIB = 1024;
  const pdf = (size: number) => {
    const head = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
  };
  const plenty = async () => 100 * 1024 ** 3;
  /** A source that counts what was taken from it, in chunks, with a pause between them. */
  const slowSource = (bytes: Buffer, chunk = 16 * KIB, pauseMs = 2) => {
    const counter = { taken: 0 };
    const source = Readable.from(
      (async function* () {
        for (let at = 0; at < bytes.length; at += chunk) {
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
          counter.taken += Math.min(chunk, bytes.length - at);
          yield bytes.subarray(at, at + chunk);
        }
      })(),
    );
    return Object.defineProperty(source, 'taken', { get: () => counter.taken }) as Readable & { readonly taken: number };
  };

  it('refuses a file that does not fit the quota before reading it, in office words, and counts only unqueued files', async () => {
    const queued = new Set<string>();
    const area = createStagingArea({ dataDir, isQueued: (id) => queued.has(id), limits: { quotaBytes: 100 * KIB }, freeBytes: plenty });
    const first = await area.fromStream(Readable.from([pdf(60 * KIB)]), { fileName: 'medical.pdf', size: 60 * KIB });
    const source = slowSource(pdf(50 * KIB));
    await expect(area.fromStream(source, { fileName: 'licence.pdf', size: 50 * KIB })).rejects.toMatchObject({
      code: 'too_large',
      message:
        'There is no room to add licence.pdf (50 KB): files waiting to be uploaded may take 100 KB on this computer, and 60 KB already do. Upload or remove some of them, then add licence.pdf again.',
    });
    expect(source.taken).toBe(0);
    expect((await staged()).filter((name) => !name.startsWith(first.stagingId))).toEqual([]);
    // Once the first is queued it no longer counts: the second fits.
    queued.add(first.stagingId);
    await expect(area.fromStream(Readable.from([pdf(50 * KIB)]), { fileName: 'licence.pdf', size: 50 * KIB })).resolves.toMatchObject({ size: 50 * KIB });
  });

  it('stops a copy of unannounced size when it outgrows the room left, leaving nothing of it staged', async () => {
    const area = createStagingArea({ dataDir, isQueued: () => false, limits: { quotaBytes: 100 * KIB }, freeBytes: plenty });
    await expect(area.fromStream(slowSource(pdf(150 * KIB)), { fileName: 'scan.pdf' })).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/^There is no room to add scan\.pdf/) });
    expect(await staged()).toEqual([]);
  });

  it('counts copies running at the same time: two that fit alone but not together are not both staged', async () => {
    const area = createStagingArea({ dataDir, isQueued: () => false, limits: { quotaBytes: 100 * KIB }, freeBytes: plenty });
    const results = await Promise.allSettled([
      area.fromStream(slowSource(pdf(70 * KIB)), { fileName: 'a.pdf' }),
      area.fromStream(slowSource(pdf(70 * KIB)), { fileName: 'b.pdf' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await area.unqueued()).totalBytes).toBe(70 * KIB);
  });

  it('a copy counts a file staged while it ran, although that file was not on disk when the copy began', async () => {
    const area = createStagingArea({ dataDir, isQueued: () => false, limits: { quotaBytes: 100 * KIB }, freeBytes: plenty });
    const long = slowSource(pdf(60 * KIB), 4 * KIB, 10);
    const running = area.fromStream(long, { fileName: 'long.pdf' });
    while (long.taken === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await area.fromStream(Readable.from([pdf(50 * KIB)]), { fileName: 'quick.pdf', size: 50 * KIB });
    expect(long.taken).toBeLessThan(50 * KIB);
    await expect(running).rejects.toMatchObject({ code: 'too_large', message: expect.stringContaining('and 50 KB already do') });
    expect((await area.unqueued()).files.map((file) => file.fileName)).toEqual(['quick.pdf']);
  });

  it('refuses a file the disk has no room for, keeping a reserve free, before copying anything', async () => {
    const area = createStagingArea({ dataDir, isQueued: () => false, limits: { freeReserveBytes: 100 * KIB }, freeBytes: async () => 150 * KIB });
    const source = slowSource(pdf(60 * KIB));
    await expect(area.fromStream(source, { fileName: 'scan.pdf', size: 60 * KIB })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'There is not enough free disk space on this computer to add scan.pdf. Free some space, then add it again.',
    });
    expect(source.taken).toBe(0);
    await expect(area.fromStream(Readable.from([pdf(40 * KIB)]), { fileName: 'small.pdf', size: 40 * KIB })).resolves.toMatchObject({ size: 40 * KIB });
  });

  it('asks the real disk by default (fs.statfs)', async () => {
    expect(await diskFreeBytes(tmpdir())).toBeGreaterThan(0);
  });

  it('lists unqueued files oldest first with when each is discarded, and discards them after the keep time', async () => {
    let now = Date.now();
    const queued = new Set<string>();
    const area = createStagingArea({ dataDir, isQueued: (id) => queued.has(id), limits: { keepUnqueuedMs: 3600_000 }, freeBytes: plenty, now: () => now });
    const older = await area.fromStream(Readable.from([await png(32, 16)]), { fileName: 'older.png' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const newer = await area.fromStream(Readable.from([pdf(3 * KIB)]), { fileName: 'newer.pdf' });
    const inJob = await area.fromStream(Readable.from([pdf(2 * KIB)]), { fileName: 'in-job.pdf' });
    queued.add(inJob.stagingId);
    const { files, totalBytes } = await area.unqueued();
    expect(files.map((file) => file.fileName)).toEqual(['older.png', 'newer.pdf']);
    expect(totalBytes).toBe(older.size + newer.size);
    expect(files[0]).toMatchObject({ stagingId: older.stagingId, assetType: 'image', thumbnail: older.thumbnail });
    for (const file of files) expect(Date.parse(file.discardAt) - Date.parse(file.stagedAt)).toBe(3600_000);
    expect(files.some((file) => 'md5' in file)).toBe(false);
    // Just before its time nothing goes; an hour after staging both unqueued files go, the queued one stays.
    now = Date.parse(files[0]!.discardAt) - 1_000;
    expect(await area.prune()).toBe(0);
    now = Date.parse(files[1]!.discardAt) + 1_000;
    expect(await area.prune()).toBe(2);
    expect((await area.unqueued()).files).toEqual([]);
    expect(await readStagedRecord(dataDir, inJob.stagingId)).toBeDefined();
  });
});
