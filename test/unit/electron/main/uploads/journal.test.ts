import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type JobRecord, journalDir, readJournals, writeJournal } from '@main/uploads/journal';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pf-journal-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const job = (jobId: string, createdAt: string): JobRecord => ({
  jobId,
  stagingId: 's',
  assetId: 'a',
  userId: 'u',
  tags: [],
  fileName: 'f.pdf',
  mimeType: 'application/pdf',
  assetType: 'document',
  size: 10,
  checksum: 'c',
  md5: 'm',
  bucket: 'b',
  s3Key: 'users/u/a/f.pdf',
  partSize: 0,
  state: 'queued',
  paused: false,
  parts: [],
  createdAt,
});

describe('upload journal', () => {
  it('replaces a job file whole and reads jobs back oldest first', async () => {
    await writeJournal(dataDir, job('j2', '2026-01-02T00:00:00Z'));
    await writeJournal(dataDir, job('j1', '2026-01-01T00:00:00Z'));
    await writeJournal(dataDir, { ...job('j1', '2026-01-01T00:00:00Z'), state: 'uploading', uploadId: 'up', parts: [{ partNumber: 1, etag: 'e1' }] });
    const { jobs } = await readJournals(dataDir);
    expect(jobs.map((j) => [j.jobId, j.state, j.parts.length])).toEqual([
      ['j1', 'uploading', 1],
      ['j2', 'queued', 0],
    ]);
    expect(await readdir(journalDir(dataDir))).toEqual(['j1.json', 'j2.json']);
  });

  it('drops temporaries a crash left before their rename and reports files it cannot read without deleting them', async () => {
    await writeJournal(dataDir, job('j1', '2026-01-01T00:00:00Z'));
    await writeFile(join(journalDir(dataDir), 'j1.json.123.tmp'), '{"jobId":"j1","sta');
    await writeFile(join(journalDir(dataDir), 'j9.json'), '{"unknown":true}');
    const { jobs, unreadable } = await readJournals(dataDir);
    expect(jobs.map((j) => j.jobId)).toEqual(['j1']);
    expect(unreadable).toEqual(['j9.json']);
    expect((await readdir(journalDir(dataDir))).sort()).toEqual(['j1.json', 'j9.json']);
  });

  it('refuses to journal a record that does not fit the schema', async () => {
    await expect(writeJournal(dataDir, { ...job('j1', 'x'), size: -1 })).rejects.toThrow();
    await expect(writeJournal(dataDir, { ...job('j1', 'x'), assetType: 'image' })).rejects.toThrow(/An image asset is .*, not application\/pdf/);
  });

  it('does not resume a job whose file on disk was edited to a MIME type its asset type does not allow', async () => {
    await writeJournal(dataDir, job('j1', '2026-01-01T00:00:00Z'));
    await writeFile(join(journalDir(dataDir), 'j2.json'), JSON.stringify({ ...job('j2', '2026-01-01T00:00:00Z'), assetType: 'image', mimeType: 'text/html' }));
    const { jobs, unreadable } = await readJournals(dataDir);
    expect(jobs.map((j) => j.jobId)).toEqual(['j1']);
    expect(unreadable).toEqual(['j2.json']);
  });
});
