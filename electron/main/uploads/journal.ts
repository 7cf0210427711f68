import { open, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UploadStateSchema } from '@shared/api/uploads';
import { AssetTypeSchema, checkAssetFile } from '@shared/models/asset';
import { UploadDocumentSchema } from '@shared/documents/document-fields';

export const JournaledPartSchema = z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string() });
export type JournaledPart = z.infer<typeof JournaledPartSchema>;

/**
 * One upload job as journaled on disk. The state only moves forward:
 * queued -> uploading (upload id, each finished part) -> objectComplete -> itemPending (the item's
 * timestamps fixed, so a retried write is the same item) -> done; or cancelled / failed.
 */
export const JobRecordSchema = z.object({
  jobId: z.string(),
  stagingId: z.string(),
  assetId: z.string(),
  userId: z.string(),
  tags: z.array(z.string()),
  /** The document kind and dates given at upload, for the item's metadata. */
  document: UploadDocumentSchema.optional(),
  /** The person working when the file was queued (the asset's `updatedBy`); absent in journals from before. */
  uploadedBy: z.string().optional(),
  fileName: z.string(),
  mimeType: z.string(),
  assetType: AssetTypeSchema,
  size: z.number().int().min(0),
  /** SHA-256 (base64) and MD5 (hex) of the staged bytes. */
  checksum: z.string(),
  md5: z.string(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  bucket: z.string(),
  s3Key: z.string(),
  /** 0 for a single PutObject. */
  partSize: z.number().int().min(0),
  state: UploadStateSchema,
  paused: z.boolean(),
  uploadId: z.string().optional(),
  parts: z.array(JournaledPartSchema),
  /** The completed object's ETag. */
  etag: z.string().optional(),
  /** Fixed when the item write is journaled. */
  itemCreatedAt: z.string().optional(),
  createdAt: z.string(),
  error: z.string().optional(),
  notice: z.string().optional(),
}).superRefine(checkAssetFile);
export type JobRecord = z.infer<typeof JobRecordSchema>;

export function journalDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

function journalPath(dataDir: string, jobId: string): string {
  return join(journalDir(dataDir), `${jobId}.json`);
}

/**
 * Replaces a job's journal atomically: a crash leaves either the old or the new file, never a torn one
 * (write a temporary file, fsync it, rename over the old one, fsync the folder so the rename survives).
 */
export async function writeJournal(dataDir: string, job: JobRecord): Promise<void> {
  const dir = journalDir(dataDir);
  await mkdir(dir, { recursive: true });
  const target = journalPath(dataDir, job.jobId);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(JobRecordSchema.parse(job)));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename itself is still atomic there.
  } finally {
    await handle.close();
  }
}

export async function forgetJournal(dataDir: string, jobId: string): Promise<void> {
  await rm(journalPath(dataDir, jobId), { force: true });
}

/** Every journaled job; a file that does not parse (written by a newer version?) is skipped, not deleted. */
export async function readJournals(dataDir: string): Promise<{ jobs: JobRecord[]; unreadable: string[] }> {
  const dir = journalDir(dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const jobs: JobRecord[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    if (name.endsWith('.tmp')) {
      // A temporary left by a crash before its rename: the journal it was replacing is still whole.
      await rm(join(dir, name), { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    try {
      jobs.push(JobRecordSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))));
    } catch {
      unreadable.push(name);
    }
  }
  jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { jobs, unreadable };
}
