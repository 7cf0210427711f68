import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discardStaged, pruneStaging, readStagedRecord, stageFromStream, stagingDir } from '../../../../../electron/main/uploads/staging';

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
