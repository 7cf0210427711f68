import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';
import sharp from 'sharp';
import { z } from 'zod';
import { ApiFailure } from '@shared/api/result';
import { type StagedFile, StagedFileObject, type UnqueuedFile } from '@shared/api/uploads';
import { checkAssetFile } from '@shared/models/asset';
import { ACCEPTED_DESCRIPTION, MAX_UPLOAD_BYTES, acceptedType, extensionOf } from '@shared/uploads/accepted';

/** What staging keeps beside the bytes: the renderer's metadata plus the MD5 that S3's ETags are checked against. */
export const StagedRecordSchema = StagedFileObject.omit({ thumbnail: true }).extend({ md5: z.string() }).superRefine(checkAssetFile);
export type StagedRecord = z.infer<typeof StagedRecordSchema>;

export type StagingOptions = {
  dataDir: string;
  maxBytes?: number;
  /** Claims room for the copy (the staging quota, free disk) before it starts and as it grows. */
  claim?: (stagingId: string, fileName: string, knownSize: number | undefined) => Promise<StagingClaim>;
};

/** A copy's hold on the staging quota while it runs: `grow` throws when the copy no longer fits; `release` gets the size staged, if it was. */
export type StagingClaim = { grow(bytes: number): void; release(stagedBytes: number | undefined): void };

const THUMBNAIL_EDGE = 256;
/** Large copy chunks: a 200 MB video stages in far fewer reads, writes and hash updates than with 64 KiB. */
const COPY_CHUNK_BYTES = 1024 * 1024;

export function stagingDir(dataDir: string): string {
  return join(dataDir, 'staging');
}

export function stagedFilePath(dataDir: string, stagingId: string): string {
  return join(stagingDir(dataDir), stagingId);
}

function recordPath(dataDir: string, stagingId: string): string {
  return `${stagedFilePath(dataDir, stagingId)}.json`;
}

export function stagedThumbnailPath(dataDir: string, stagingId: string): string {
  return `${stagedFilePath(dataDir, stagingId)}.thumb.webp`;
}

/** Stages a file picked in the native dialog or dropped on the Electron window. */
export async function stageFromPath(options: StagingOptions, path: string, fileName = basename(path)): Promise<StagedFile> {
  const info = await stat(path).catch(() => {
    throw new ApiFailure('not_found', `Cannot read ${fileName}.`);
  });
  if (!info.isFile()) throw new ApiFailure('invalid_input', `${fileName} is not a file.`);
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  if (info.size > maxBytes) throw tooLarge(fileName, maxBytes);
  return stageFromStream(options, createReadStream(path, { highWaterMark: COPY_CHUNK_BYTES }), { fileName, size: info.size });
}

/**
 * Copies the bytes into `<dataDir>/staging/<id>`, computing size, SHA-256 and MD5 in the same pass; then
 * checks the real type (from the bytes, not the name), reads image dimensions and makes a thumbnail. A
 * refused file leaves nothing staged.
 */
export async function stageFromStream(options: StagingOptions, source: Readable, meta: { fileName: string; size?: number }): Promise<StagedFile> {
  const fileName = displayName(meta.fileName);
  if (!fileName || fileName.length > 255) throw new ApiFailure('invalid_input', 'The file needs a name of at most 255 characters.');
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const stagingId = randomUUID();
  const target = stagedFilePath(options.dataDir, stagingId);
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  let claim: StagingClaim | undefined;
  let staged: number | undefined;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge(fileName, maxBytes));
      try {
        claim?.grow(size);
      } catch (error) {
        return done(error as Error);
      }
      sha256.update(chunk);
      md5.update(chunk);
      done(null, chunk);
    },
  });
  try {
    if (meta.size !== undefined && meta.size > maxBytes) throw tooLarge(fileName, maxBytes);
    await mkdir(stagingDir(options.dataDir), { recursive: true });
    claim = await options.claim?.(stagingId, fileName, meta.size);
    await pipeline(source, measure, createWriteStream(target, { flags: 'wx', highWaterMark: COPY_CHUNK_BYTES }));
    const record = await describe(target, { stagingId, fileName, size, checksum: sha256.digest('base64'), md5: md5.digest('hex') });
    const thumbnail = record.assetType === 'image' ? await makeThumbnail(target) : undefined;
    if (thumbnail) await writeFile(stagedThumbnailPath(options.dataDir, stagingId), thumbnail);
    await writeFile(recordPath(options.dataDir, stagingId), JSON.stringify(record));
    staged = size;
    return { ...stagedView(record), ...(thumbnail ? { thumbnail: webpDataUrl(thumbnail) } : {}) };
  } catch (error) {
    source.destroy();
    await discardStaged(options.dataDir, stagingId);
    if (error instanceof ApiFailure) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw diskFull(fileName);
    throw new ApiFailure('internal', `Could not stage ${fileName}.`);
  } finally {
    claim?.release(staged);
  }
}

/**
 * The name shown and stored for a file: its last path part, without control characters, bidi overrides
 * (which can disguise an extension: `photo\u202Egnp.exe`) or lone surrogates (DynamoDB stores UTF-8 only).
 */
export function displayName(given: string): string {
  // The part after the last separator: `folder/` names no file (path.basename would give `folder`).
  return (given.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu, '')
    .trim();
}

async function describe(
  path: string,
  base: { stagingId: string; fileName: string; size: number; checksum: string; md5: string },
): Promise<StagedRecord> {
  const sniffed = await fileTypeFromFile(path);
  const accepted = sniffed ? acceptedType(sniffed.mime) : undefined;
  if (!sniffed || !accepted) {
    throw new ApiFailure(
      'unsupported',
      `${base.fileName} is ${sniffed ? `a ${sniffed.mime} file` : 'of an unknown type'}; the app accepts ${ACCEPTED_DESCRIPTION}.`,
    );
  }
  const ext = extensionOf(base.fileName);
  if (ext && !accepted.extensions.includes(ext)) {
    throw new ApiFailure(
      'invalid_input',
      `${base.fileName} is named .${ext} but its contents are ${accepted.mimeType}; rename it to .${accepted.extensions[0]} if that is right.`,
    );
  }
  const dimensions = accepted.assetType === 'image' ? await imageSizeFromFile(path).catch(() => undefined) : undefined;
  return StagedRecordSchema.parse({
    ...base,
    mimeType: accepted.mimeType,
    assetType: accepted.assetType,
    ...(dimensions ? { width: dimensions.width, height: dimensions.height } : {}),
  });
}

/** A thumbnail the grid can show offline; an image sharp cannot decode (e.g. HEIC without HEVC) simply has none. */
export async function makeThumbnail(input: string | Buffer): Promise<Buffer | undefined> {
  try {
    return await sharp(input, { limitInputPixels: 268_402_689 })
      .rotate()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
  } catch {
    return undefined;
  }
}

export function webpDataUrl(bytes: Buffer): string {
  return `data:image/webp;base64,${bytes.toString('base64')}`;
}

export function stagedView(record: StagedRecord): StagedFile {
  const { md5: _md5, ...view } = record;
  return view;
}

export async function readStagedRecord(dataDir: string, stagingId: string): Promise<StagedRecord | undefined> {
  try {
    return StagedRecordSchema.parse(JSON.parse(await readFile(recordPath(dataDir, stagingId), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Moves a staged thumbnail into the thumbnail cache under the asset's id (kept after the upload). */
export async function adoptThumbnail(dataDir: string, stagingId: string, assetId: string): Promise<void> {
  await mkdir(thumbsDir(dataDir), { recursive: true });
  await rename(stagedThumbnailPath(dataDir, stagingId), thumbnailPath(dataDir, assetId)).catch(() => undefined);
}

export function thumbsDir(dataDir: string): string {
  return join(dataDir, 'thumbs');
}

export function thumbnailPath(dataDir: string, assetId: string): string {
  return join(thumbsDir(dataDir), `${createHash('sha256').update(assetId).digest('hex').slice(0, 32)}.webp`);
}

/** Removes a staged file, its record and its thumbnail; true when there was one. */
export async function discardStaged(dataDir: string, stagingId: string): Promise<boolean> {
  const existed = await stat(recordPath(dataDir, stagingId)).then(
    () => true,
    () => false,
  );
  await Promise.all(
    [stagedFilePath(dataDir, stagingId), recordPath(dataDir, stagingId), stagedThumbnailPath(dataDir, stagingId)].map((path) =>
      rm(path, { force: true }),
    ),
  );
  return existed;
}

function tooLarge(fileName: string, maxBytes: number): ApiFailure {
  return new ApiFailure('too_large', `${fileName} is larger than ${(maxBytes / 1024 ** 3).toFixed(maxBytes >= 1024 ** 3 ? 0 : 2)} GB, the most the app uploads.`);
}

function diskFull(fileName: string): ApiFailure {
  return new ApiFailure('unavailable', `There is not enough free disk space on this computer to add ${fileName}. Free some space, then add it again.`);
}

/** A byte count in an office message: `1.5 GB`, `320 MB`, `12 KB`. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Number((bytes / 1024 ** 3).toFixed(1))} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Removes staged files no job uses that are older than `olderThanMs` (staged, then the window closed or the
 * app crashed before they were queued). Returns how many were removed.
 */
export async function pruneStaging(dataDir: string, inUse: ReadonlySet<string>, olderThanMs: number, now = Date.now()): Promise<number> {
  const names = await readdir(stagingDir(dataDir)).catch(() => [] as string[]);
  const ids = new Set(names.map((name) => name.split('.')[0] ?? name));
  let removed = 0;
  for (const id of ids) {
    if (inUse.has(id)) continue;
    const info = await stat(stagedFilePath(dataDir, id)).catch(() => undefined);
    if (info && now - info.mtimeMs < olderThanMs) continue;
    await discardStaged(dataDir, id);
    removed++;
  }
  return removed;
}

/** Limits on files staged but not queued yet (added, then never uploaded): each holds a copy on this disk. */
export type StagingLimits = {
  /** Most bytes such files may hold together. */
  quotaBytes: number;
  /** How long such a file is kept; then it is discarded (checked on start and every `pruneIntervalMs`). */
  keepUnqueuedMs: number;
  /** Free space staging always leaves on the disk besides the file (for the database, logs, the system). */
  freeReserveBytes: number;
  pruneIntervalMs: number;
};

/** 2 GiB: a few long videos waiting for their user and tags; an hour: far longer than choosing them takes. */
export const DEFAULT_STAGING_LIMITS: StagingLimits = {
  quotaBytes: 2 * 1024 ** 3,
  keepUnqueuedMs: 3600_000,
  freeReserveBytes: 256 * 1024 ** 2,
  pruneIntervalMs: 5 * 60_000,
};

export type StagingAreaOptions = {
  dataDir: string;
  maxBytes?: number;
  limits?: Partial<StagingLimits>;
  /** Whether an upload job uses this staged file: it then no longer counts against the quota. */
  isQueued(stagingId: string): boolean;
  /** Free bytes on the disk holding `dir` (fs.statfs); tests give another. */
  freeBytes?(dir: string): Promise<number>;
  now?(): number;
};

/** The staging folder with its quota: what `uploads.stagePath`, the loopback server and `uploads.staged` use. */
export type StagingArea = {
  limits: StagingLimits;
  fromPath(path: string): Promise<StagedFile>;
  fromStream(source: Readable, meta: { fileName: string; size?: number }): Promise<StagedFile>;
  /** Staged files no upload uses, oldest first, each with when it will be discarded, and their total size. */
  unqueued(): Promise<{ files: UnqueuedFile[]; totalBytes: number }>;
  /** Discards unqueued files staged more than `keepUnqueuedMs` ago; returns how many. */
  prune(): Promise<number>;
};

export async function diskFreeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

export function createStagingArea(options: StagingAreaOptions): StagingArea {
  const { dataDir, isQueued } = options;
  const limits = { ...DEFAULT_STAGING_LIMITS, ...options.limits };
  const freeBytes = options.freeBytes ?? diskFreeBytes;
  const now = options.now ?? Date.now;
  /** Copies in progress: the bytes each holds so far (at least its announced size). */
  const copying = new Map<string, number>();
  /** Bytes of every copy finished since start: a copy running meanwhile counts those, as its look at the disk came before. */
  let landed = 0;

  /** Records of the finished stagings no job uses, with when each was staged (its record's time). */
  const waiting = async (): Promise<Array<{ record: StagedRecord; stagedAtMs: number }>> => {
    const names = await readdir(stagingDir(dataDir)).catch(() => [] as string[]);
    const found: Array<{ record: StagedRecord; stagedAtMs: number }> = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const stagingId = name.slice(0, -'.json'.length);
      if (copying.has(stagingId) || isQueued(stagingId)) continue;
      const [record, info] = await Promise.all([readStagedRecord(dataDir, stagingId), stat(recordPath(dataDir, stagingId)).catch(() => undefined)]);
      if (record && info) found.push({ record, stagedAtMs: info.mtimeMs });
    }
    return found.sort((a, b) => a.stagedAtMs - b.stagedAtMs);
  };
  const bytesOf = (records: ReadonlyArray<{ record: StagedRecord }>) => records.reduce((total, { record }) => total + record.size, 0);

  const unqueued = async (): Promise<{ files: UnqueuedFile[]; totalBytes: number }> => {
    const records = await waiting();
    const files = await Promise.all(
      records.map(async ({ record, stagedAtMs }): Promise<UnqueuedFile> => {
        const thumbnail = await readFile(stagedThumbnailPath(dataDir, record.stagingId)).catch(() => undefined);
        return {
          ...stagedView(record),
          ...(thumbnail ? { thumbnail: webpDataUrl(thumbnail) } : {}),
          stagedAt: new Date(stagedAtMs).toISOString(),
          discardAt: new Date(stagedAtMs + limits.keepUnqueuedMs).toISOString(),
        };
      }),
    );
    return { files, totalBytes: bytesOf(records) };
  };

  const noRoom = (fileName: string, bytes: number, waiting: number) =>
    new ApiFailure(
      'too_large',
      `There is no room to add ${fileName} (${sizeText(bytes)}): files waiting to be uploaded may take ${sizeText(limits.quotaBytes)} on this computer` +
        (waiting > 0 ? `, and ${sizeText(waiting)} already do. Upload or remove some of them, then add ${fileName} again.` : '.'),
    );

  const claim = async (stagingId: string, fileName: string, knownSize: number | undefined): Promise<StagingClaim> => {
    const onDisk = bytesOf(await waiting());
    const landedBefore = landed;
    const others = () => onDisk + (landed - landedBefore) + [...copying.values()].reduce((total, bytes) => total + bytes, 0);
    const announced = knownSize ?? 0;
    if (others() + announced > limits.quotaBytes) throw noRoom(fileName, announced, others());
    // A disk that cannot say how full it is does not stop staging: a copy that runs out of space is refused (ENOSPC).
    const free = await freeBytes(stagingDir(dataDir)).catch(() => Number.POSITIVE_INFINITY);
    if (free - announced < limits.freeReserveBytes) throw diskFull(fileName);
    copying.set(stagingId, announced);
    return {
      grow(bytes) {
        const held = copying.get(stagingId) ?? 0;
        if (bytes <= held) return;
        copying.delete(stagingId);
        if (others() + bytes > limits.quotaBytes) throw noRoom(fileName, bytes, others());
        copying.set(stagingId, bytes);
      },
      release(stagedBytes) {
        copying.delete(stagingId);
        if (stagedBytes !== undefined) landed += stagedBytes;
      },
    };
  };

  const stagingOptions: StagingOptions = { dataDir, claim, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) };
  return {
    limits,
    fromPath: (path) => stageFromPath(stagingOptions, path),
    fromStream: (source, meta) => stageFromStream(stagingOptions, source, meta),
    unqueued,
    prune: async () => {
      const names = await readdir(stagingDir(dataDir)).catch(() => [] as string[]);
      const inUse = new Set(names.map((name) => name.split('.')[0] ?? name).filter((id) => copying.has(id) || isQueued(id)));
      return pruneStaging(dataDir, inUse, limits.keepUnqueuedMs, now());
    },
  };
}
