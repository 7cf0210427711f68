import { z } from 'zod';
import { IsoInstantSchema } from '../models/sync-attributes';
import { SYNC_BUCKETS } from '../tables';

/**
 * The delta pull's checkpoint (electron/main/sync/README.md, "Pull"): one cursor per sync bucket. Each pull runs
 * a "pass" per bucket over `updatedAt >= highWater - overlap`, page by page; the overlap re-reads
 * the recent past so that index lag and the clock error left after correction lose nothing, and is
 * harmless because applying an item is idempotent (shared/sync/versions).
 */
export const BucketCursorSchema = z.object({ updatedAt: z.string().min(1), key: z.string() });
export type BucketCursor = z.infer<typeof BucketCursorSchema>;

export const BucketCheckpointSchema = z.object({
  /** Newest (updatedAt, key) read from this bucket, never later than the server's time. */
  highWater: BucketCursorSchema.nullable(),
  /** Server time at which the last complete pass started: the bucket is complete up to it (less the overlap). */
  checkedAt: IsoInstantSchema.nullable(),
  /** A pass with more pages: its lower bound, start time, and the last item read (exclusive start). */
  pass: z
    .object({ from: z.string().nullable(), startedAt: IsoInstantSchema, after: BucketCursorSchema })
    .nullable(),
});
export type BucketCheckpoint = z.infer<typeof BucketCheckpointSchema>;

export const CheckpointSchema = z.object({ buckets: z.array(BucketCheckpointSchema).length(SYNC_BUCKETS) });
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/**
 * Default overlap: 5 minutes. GSI propagation is usually below a second but has spikes of seconds to
 * minutes; the corrected clock is within about 1 s plus a round trip; other tools' clocks are trusted
 * to a few minutes. Re-reading 5 minutes of changes per pull costs little at an office's write rate.
 */
export const DEFAULT_OVERLAP_MS = 5 * 60_000;
/** Tombstones live 30 days (DynamoDB TTL); a client away longer must resync fully. */
export const DEFAULT_TOMBSTONE_RETENTION_MS = 30 * 24 * 60 * 60_000;

const emptyBucket: BucketCheckpoint = { highWater: null, checkedAt: null, pass: null };

/** Everything: the first pull reads each bucket from its beginning. */
export function emptyCheckpoint(): Checkpoint {
  return { buckets: Array.from({ length: SYNC_BUCKETS }, () => ({ ...emptyBucket })) };
}

/** "Now" in every bucket: taken before an initial Scan, whose items it then need not re-read. */
export function checkpointAt(nowIso: string): Checkpoint {
  return {
    buckets: Array.from({ length: SYNC_BUCKETS }, () => ({
      highWater: { updatedAt: nowIso, key: '' },
      checkedAt: nowIso,
      pass: null,
    })),
  };
}

/** The Query a bucket needs next: `updatedAt >= from` (null: no bound), continuing after `after`. */
export type BucketQueryPlan = { from: string | null; after: BucketCursor | null; startedAt: string };

export function planBucketQuery(bucket: BucketCheckpoint, nowIso: string, overlapMs = DEFAULT_OVERLAP_MS): BucketQueryPlan {
  if (bucket.pass) return { from: bucket.pass.from, after: bucket.pass.after, startedAt: bucket.pass.startedAt };
  if (!bucket.highWater) return { from: null, after: null, startedAt: nowIso };
  const from = new Date(instantMs(bucket.highWater.updatedAt) - overlapMs).toISOString();
  return { from, after: null, startedAt: nowIso };
}

/**
 * The bucket's checkpoint after one page: the high-water mark moves to the newest item read, capped
 * at the server's time, so that an item another tool stamped in the future cannot push the cursor
 * past changes that are still to come (it is simply re-read by later passes).
 */
export function advanceBucket(
  bucket: BucketCheckpoint,
  plan: BucketQueryPlan,
  page: { read: BucketCursor[]; lastEvaluated: BucketCursor | null },
  nowIso: string,
): BucketCheckpoint {
  let highWater = bucket.highWater;
  for (const cursor of page.read) {
    const capped = instantMs(cursor.updatedAt) > instantMs(nowIso) ? { updatedAt: nowIso, key: '' } : cursor;
    if (!highWater || compareCursors(capped, highWater) > 0) highWater = capped;
  }
  if (page.lastEvaluated) {
    return { highWater, checkedAt: bucket.checkedAt, pass: { from: plan.from, startedAt: plan.startedAt, after: page.lastEvaluated } };
  }
  return { highWater, checkedAt: plan.startedAt, pass: null };
}

export function hasMorePages(checkpoint: Checkpoint): boolean {
  return checkpoint.buckets.some((bucket) => bucket.pass !== null);
}

/**
 * True when some bucket was last complete longer ago than tombstones live: deletions may have
 * expired from the table since, so only a full resync can find them.
 */
export function needsFullResync(checkpoint: Checkpoint, nowIso: string, retentionMs = DEFAULT_TOMBSTONE_RETENTION_MS, overlapMs = DEFAULT_OVERLAP_MS): boolean {
  const now = instantMs(nowIso);
  return checkpoint.buckets.some((bucket) => bucket.checkedAt !== null && now - instantMs(bucket.checkedAt) > retentionMs - overlapMs);
}

/** Order of the sync index: `updatedAt` as text (DynamoDB compares strings byte-wise), then the key. */
export function compareCursors(a: BucketCursor, b: BucketCursor): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/** Milliseconds of an ISO instant; unparsable text sorts first rather than throwing. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}
