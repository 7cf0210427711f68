import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type PQueue from 'p-queue';
import type { JobRecord, JournaledPart } from './journal';
import { FinalFailure, type RetryPolicy, classifyS3Failure, withRetries } from './retry';

/** What the transfer needs from the queue: S3, the shared part pool, and durable job updates. */
export type TransferContext = {
  s3: S3Client;
  parts: PQueue;
  policy: RetryPolicy;
  signal: AbortSignal;
  stagedPath: string;
  /** Journals a change of the job (awaited: a part counts as finished once journaled). */
  update(patch: Partial<JobRecord>): Promise<JobRecord>;
  current(): JobRecord;
  /** Bytes finished (journaled parts, or the whole object). */
  onBytes(bytesSent: number): void;
  onRetry(reason: string): void;
};

export function partCount(job: Pick<JobRecord, 'size' | 'partSize'>): number {
  return job.partSize === 0 ? 1 : Math.max(1, Math.ceil(job.size / job.partSize));
}

export function partLength(job: Pick<JobRecord, 'size' | 'partSize'>, partNumber: number): number {
  return Math.min(job.partSize, job.size - (partNumber - 1) * job.partSize);
}

export function sentBytes(job: JobRecord): number {
  if (job.partSize === 0) return job.etag ? job.size : 0;
  return job.parts.reduce((sum, part) => sum + partLength(job, part.partNumber), 0);
}

/** S3's ETag of a multipart object: MD5 of the parts' binary MD5s, then `-<count>`. */
export function multipartEtag(parts: JournaledPart[]): string {
  const digests = parts.map((part) => Buffer.from(unquote(part.etag), 'hex'));
  return `${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${parts.length}`;
}

function unquote(etag: string): string {
  return etag.replaceAll('"', '');
}

function sameEtag(actual: string | undefined, expected: string): boolean {
  return actual !== undefined && unquote(actual) === expected;
}

/** With SSE-KMS an ETag is not an MD5: S3 has then checked Content-MD5 / ChecksumSHA256 itself, nothing to compare. */
function etagIsMd5(serverSideEncryption: string | undefined): boolean {
  return !serverSideEncryption?.startsWith('aws:kms');
}

type ObjectHead = { etag: string; etagIsMd5: boolean };

/**
 * A multipart object's ETag is checked against the parts' MD5s as sent (S3's composite form) or, on s3rver,
 * which gives the MD5 of the whole object, against the staged file's MD5: either way the assembled bytes are verified.
 */
function assembledAsSent(head: ObjectHead | undefined, composite: string, job: JobRecord): boolean {
  if (!head) return false;
  return !head.etagIsMd5 || sameEtag(head.etag, composite) || sameEtag(head.etag, job.md5);
}

/** Sends the staged file to S3 and returns the object's verified ETag. Resumes from the journal. */
export async function transferObject(ctx: TransferContext): Promise<string> {
  const job = ctx.current();
  return job.partSize === 0 ? putWhole(ctx) : putInParts(ctx);
}

async function putWhole(ctx: TransferContext): Promise<string> {
  const job = ctx.current();
  const body = await readFile(ctx.stagedPath);
  const stored = await retrying(ctx, () =>
    ctx.s3.send(
      new PutObjectCommand({
        Bucket: job.bucket,
        Key: job.s3Key,
        Body: body,
        ContentType: job.mimeType,
        // Real S3 checks the bytes against this SHA-256 and refuses a mismatch (s3rver ignores it).
        ChecksumSHA256: job.checksum,
      }),
      { abortSignal: ctx.signal },
    ),
  );
  // The ETag of a single unencrypted/SSE-S3 PUT is the MD5 of the bytes: checked on every S3, s3rver included.
  if (etagIsMd5(stored.ServerSideEncryption) && !sameEtag(stored.ETag, job.md5)) throw new FinalFailure({ kind: 'final', reason: 'S3 stored different bytes than were sent (ETag mismatch).' });
  ctx.onBytes(job.size);
  return unquote(stored.ETag ?? '');
}

async function putInParts(ctx: TransferContext): Promise<string> {
  let job = ctx.current();
  if (!job.uploadId) {
    const created = await retrying(ctx, () =>
      ctx.s3.send(new CreateMultipartUploadCommand({ Bucket: job.bucket, Key: job.s3Key, ContentType: job.mimeType }), { abortSignal: ctx.signal }),
    );
    if (!created.UploadId) throw new FinalFailure({ kind: 'final', reason: 'S3 returned no upload id.' });
    job = await ctx.update({ uploadId: created.UploadId, parts: [] });
  }
  const uploadId = job.uploadId ?? '';
  const expected = multipartEtagIfComplete(job);
  // A crash after CompleteMultipartUpload but before it was journaled: the object is already there.
  if (expected && assembledAsSent(await retrying(ctx, () => objectEtag(ctx, job)), expected, job)) return expected;

  const done = new Set(job.parts.map((part) => part.partNumber));
  const missing = Array.from({ length: partCount(job) }, (_, i) => i + 1).filter((n) => !done.has(n));
  const handle = await open(ctx.stagedPath, 'r');
  try {
    // Settle every part before the handle closes; then the first failure decides.
    const outcomes = await Promise.allSettled(
      missing.map(async (partNumber) =>
        journalPart(ctx, await ctx.parts.add(() => sendPart(ctx, handle, uploadId, partNumber), { signal: ctx.signal })),
      ),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    if (!(error instanceof FinalFailure) || error.failure.kind !== 'noSuchUpload') throw error;
    // The upload expired (lifecycle rule) or was aborted elsewhere: its parts are gone, so start it again.
    await ctx.update({ uploadId: undefined, parts: [] });
    return putInParts(ctx);
  } finally {
    await handle.close();
  }

  job = ctx.current();
  const parts = [...job.parts].sort((a, b) => a.partNumber - b.partNumber);
  const etag = multipartEtag(parts);
  await retrying(ctx, async () => {
    try {
      await ctx.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: job.bucket,
          Key: job.s3Key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
        { abortSignal: ctx.signal },
      );
    } catch (error) {
      // A lost response to a Complete that did succeed: the retry is refused, but the object is there.
      if (assembledAsSent(await objectEtag(ctx, job).catch(() => undefined), etag, job)) return;
      throw error;
    }
  });
  if (!assembledAsSent(await retrying(ctx, () => objectEtag(ctx, job)), etag, job)) {
    throw new FinalFailure({ kind: 'final', reason: 'The assembled object does not match the parts sent (ETag mismatch).' });
  }
  return etag;
}

function multipartEtagIfComplete(job: JobRecord): string | undefined {
  return job.parts.length === partCount(job) ? multipartEtag([...job.parts].sort((a, b) => a.partNumber - b.partNumber)) : undefined;
}

async function sendPart(ctx: TransferContext, handle: Awaited<ReturnType<typeof open>>, uploadId: string, partNumber: number): Promise<JournaledPart> {
  const job = ctx.current();
  const length = partLength(job, partNumber);
  const body = Buffer.allocUnsafe(length);
  const { bytesRead } = await handle.read(body, 0, length, (partNumber - 1) * job.partSize);
  if (bytesRead !== length) throw new FinalFailure({ kind: 'final', reason: 'The staged file is shorter than when it was staged.' });
  const md5 = createHash('md5').update(body);
  const digest = md5.digest();
  const result = await retrying(ctx, () =>
    ctx.s3.send(
      new UploadPartCommand({
        Bucket: job.bucket,
        Key: job.s3Key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
        // Real S3 refuses a part whose bytes do not match (BadDigest); the ETag check below covers s3rver.
        ContentMD5: digest.toString('base64'),
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (etagIsMd5(result.ServerSideEncryption) && !sameEtag(result.ETag, digest.toString('hex'))) {
    throw new FinalFailure({ kind: 'final', reason: `S3 stored different bytes for part ${partNumber} (ETag mismatch).` });
  }
  return { partNumber, etag: unquote(result.ETag ?? '') };
}

/** Journals a finished part; outside the part pool, so a slow fsync never holds a slot the network could use. */
async function journalPart(ctx: TransferContext, part: JournaledPart): Promise<void> {
  const current = ctx.current();
  const updated = await ctx.update({ parts: [...current.parts.filter((p) => p.partNumber !== part.partNumber), part] });
  ctx.onBytes(sentBytes(updated));
}

/** The ETag of the object at the job's key, undefined when there is none. */
export async function objectEtag(ctx: Pick<TransferContext, 's3' | 'signal'>, job: Pick<JobRecord, 'bucket' | 's3Key'>): Promise<ObjectHead | undefined> {
  try {
    const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: job.bucket, Key: job.s3Key }), { abortSignal: ctx.signal });
    return { etag: unquote(head.ETag ?? ''), etagIsMd5: etagIsMd5(head.ServerSideEncryption) };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === 'NotFound') return undefined;
    throw error;
  }
}

/**
 * Cancels what S3 holds for a job: aborts its multipart upload and deletes an object completed in a race
 * with the cancel. Returns a notice when the S3 lacks AbortMultipartUpload (s3rver): it is said, not hidden.
 */
export async function discardRemote(s3: S3Client, job: JobRecord): Promise<string | undefined> {
  let notice: string | undefined;
  if (job.uploadId) {
    try {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: job.bucket, Key: job.s3Key, UploadId: job.uploadId }));
    } catch (error) {
      const failure = classifyS3Failure(error);
      notice =
        failure.kind === 'unsupported'
          ? 'Aborting the multipart upload is not supported locally (s3rver): its parts stay in the emulator folder. On S3 the abort frees them, and the bucket lifecycle rule removes any an abort missed.'
          : failure.kind === 'noSuchUpload'
            ? undefined
            : `The multipart upload could not be aborted now (${failure.reason}); the bucket lifecycle rule removes its parts on S3.`;
    }
  }
  const signal = new AbortController().signal;
  if ((await objectEtag({ s3, signal }, job).catch(() => undefined)) !== undefined) {
    await s3.send(new DeleteObjectCommand({ Bucket: job.bucket, Key: job.s3Key }));
  }
  return notice;
}

function retrying<T>(ctx: TransferContext, attempt: () => Promise<T>): Promise<T> {
  return withRetries(attempt, { signal: ctx.signal, policy: ctx.policy, onRetry: (reason) => ctx.onRetry(reason) });
}
