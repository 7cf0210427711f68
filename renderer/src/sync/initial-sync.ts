import type { EntityName } from '@shared/models';
import { instantMs, type ScanResponse, type ServerItem } from '@shared/sync';
import { keyAttribute } from '@shared/tables';
import type { ApiClient } from '@shared/api/contract';
import type { PilotForceDb, ScanState } from '../db/schema';
import { applyServerItems } from './apply';
import { call } from './call';

/** Where an initial sync is: items read so far, and each Scan segment's count and whether it is done (a first-start ETA comes from those). */
export type InitialSyncProgress = { entity: EntityName; items: number; segmentsDone: number; totalSegments: number; segments: Array<{ items: number; done: boolean }> };

export type InitialSyncOptions = {
  totalSegments?: number;
  limit?: number;
  /** Also remove local items the Scan does not find (their tombstones may have expired). */
  fullResync?: boolean;
  onProgress?: (progress: InitialSyncProgress) => void;
};

/**
 * The initial sync of one entity (and the full resync): the delta checkpoint is taken FIRST (a Scan is
 * not a snapshot), then parallel Scan segments read the table, each page applied in one transaction
 * with its segment's position while the other segments fetch theirs. After a crash it resumes from
 * the stored positions. When every segment is done the delta pull takes over from the checkpoint.
 * Pending local mutations are rebased like on any pull: the outbox is never dropped.
 */
export async function initialSync(db: PilotForceDb, api: ApiClient, entity: EntityName, options: InitialSyncOptions = {}): Promise<number> {
  const id = `scan:${entity}` as const;
  const stored = await db.checkpoints.get(id);
  let state: ScanState;
  if (stored && 'scan' in stored) {
    state = stored.scan;
  } else {
    const { checkpoint } = await call(api, 'sync.checkpoint', { entity });
    const totalSegments = options.totalSegments ?? 4;
    state = {
      runId: crypto.randomUUID(),
      checkpoint,
      fullResync: options.fullResync ?? false,
      segments: Array.from({ length: totalSegments }, () => ({ exclusiveStartKey: null, done: false, items: 0 })),
    };
    await db.checkpoints.put({ id, scan: state });
  }
  const run = state;
  let changed = 0;
  const progress = () => {
    const record = { entity, totalSegments: run.segments.length, segmentsDone: 0, items: 0, segments: run.segments.map(({ items, done }) => ({ items, done })) };
    for (const segment of run.segments) {
      record.items += segment.items;
      if (segment.done) record.segmentsDone += 1;
    }
    options.onProgress?.(record);
  };
  const scanPage = (segment: number, exclusiveStartKey: Record<string, string> | null) =>
    call(api, 'sync.scan', { entity, segment, totalSegments: run.segments.length, exclusiveStartKey, limit: options.limit ?? 1000 });

  // One page per segment at a time: the segments' fetches overlap each other's applying (which
  // IndexedDB serializes anyway), and main holds at most one page per segment.
  const scanSegment = async (segment: number) => {
    const position = run.segments[segment];
    if (!position || position.done) return;
    for (;;) {
      const page: ScanResponse = await scanPage(segment, position.exclusiveStartKey);
      // Awaited into its own constant: `changed += await ...` reads `changed` before the await, losing the other segments' counts.
      const applied = await applyServerItems(db, entity, page.items, page.quarantined, {
        ...(run.fullResync ? { scanRun: run.runId } : {}),
        alsoWrite: async () => {
          position.exclusiveStartKey = page.lastEvaluatedKey;
          position.done = page.lastEvaluatedKey === null;
          position.items += page.items.length + page.quarantined.length;
          await db.checkpoints.put({ id, scan: run });
        },
      });
      changed += applied;
      progress();
      if (position.done) return;
    }
  };
  await Promise.all(run.segments.map((_, segment) => scanSegment(segment)));

  await db.transaction('rw', [db.items(entity), db.bases, db.outbox, db.checkpoints, db.scanMarks], async () => {
    if (run.fullResync) await removeVanished(db, entity, run);
    await db.scanMarks.where('entity').equals(entity).delete();
    await db.checkpoints.put({ id: `delta:${entity}`, checkpoint: run.checkpoint });
    await db.checkpoints.delete(id);
  });
  return changed;
}

/**
 * After a full resync: live items last written before the checkpoint that the Scan did not find are
 * gone from the table (deleted, and their tombstones expired). Items with outbox entries stay, so the
 * user's intent still reaches the server (and conflicts there if the item is gone). Local tombstones
 * stay too: they keep a deleted key from ever coming back. The server's copies are the base records
 * and the views that stand alone (server-copy.ts).
 */
async function removeVanished(db: PilotForceDb, entity: EntityName, run: ScanState): Promise<void> {
  const scanStartedMs = Math.min(...run.checkpoint.buckets.map((bucket) => instantMs(bucket.checkedAt ?? '')));
  const marks = await db.scanMarks.where('entity').equals(entity).toArray();
  const found = new Set(marks.filter((mark) => mark.runId === run.runId).map((mark) => mark.key));
  const withEntries = new Set((await db.outbox.toArray()).filter((entry) => entry.entity === entity).map((entry) => entry.key));
  const records = new Map((await db.bases.where('entity').equals(entity).toArray()).map((record) => [record.key, record.item]));
  const vanished = (key: string, item: ServerItem) =>
    !found.has(key) && !withEntries.has(key) && item.deleted !== true && instantMs(String(item.updatedAt ?? '')) < scanStartedMs;
  const gone: string[] = [];
  for (const [key, item] of records) if (vanished(key, item)) gone.push(key);
  await db.items(entity).each((view) => {
    const key = String((view as ServerItem)[keyAttribute(entity)]);
    if (!records.has(key) && vanished(key, view as ServerItem)) gone.push(key);
  });
  await db.bases.bulkDelete(gone.map((key) => [entity, key] as [EntityName, string]));
  await db.items(entity).bulkDelete(gone);
}
