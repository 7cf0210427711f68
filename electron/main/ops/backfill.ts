import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import { z } from 'zod';
import type { EntityName } from '@shared/models';
import { EntityNameSchema } from '@shared/sync/protocol';
import { keyAttribute, tableName } from '@shared/tables';
import { entryForWrite } from '@shared/history/entry';
import { classifyRequestFailure } from '../sync/aws-errors';
import { buildVersionedUpdate } from '../sync/conditional-write';
import { transactWithHistory } from '../history/record';
import { calibrateClock } from '../sync/write-time';
import type { AwsClients } from '@main/aws/clients';

/** Where a backfill stopped: one exclusive start key per parallel-scan segment. Plain JSON, kept in a state file by the CLI. */
export const BackfillCursorSchema = z.object({
  entity: EntityNameSchema,
  totalSegments: z.number().int().min(1).max(1_000_000),
  segments: z.array(z.object({ done: z.boolean(), exclusiveStartKey: z.record(z.string(), z.string()).optional() })),
});
export type BackfillCursor = z.infer<typeof BackfillCursorSchema>;

export type BackfillOptions = {
  entity: EntityName;
  prefix: string;
  /** Continue where an earlier run stopped. */
  cursor?: BackfillCursor;
  /** Parallel Scan segments (for a new cursor). */
  segments?: number;
  pageSize?: number;
  /** Stop each segment after this many pages in this call (the cursor then resumes it). */
  maxPagesPerSegment?: number;
  /** Adoptions per second across all segments; unlimited when absent. */
  maxItemsPerSecond?: number;
  /** Called after every page with the cursor so far, e.g. to save it. */
  onProgress?: (cursor: BackfillCursor) => void | Promise<void>;
};

export type BackfillReport = {
  entity: EntityName;
  scanned: number;
  adopted: number;
  /** Written by someone else between the Scan and the update: their write stands. */
  skipped: number;
  consumedReadUnits: number;
  consumedWriteUnits: number;
  cursor: BackfillCursor;
  complete: boolean;
};

/** Who adopted an item, in `updatedBy`. */
export const BACKFILL_WRITER = 'db-setup-backfill';

/**
 * Adopts the items other tools wrote without sync attributes (the seed's PutItem): a parallel Scan for
 * items without `version`, and for each a conditional UpdateItem (version absent and `updatedAt` as
 * read, so a concurrent writer always wins) that sets `version = 1`, `clientSeq = {}`, `syncBucket`,
 * and `updatedAt` where it is missing.
 *
 * An adopted item keeps its `updatedAt`, so it enters SyncIndex at that time: run this before clients
 * sync (it is `db:setup --backfill`). Items that appear later are adopted by the sync engine's
 * reconciliation, which stamps them with the current time so every client's next pull sees them.
 */
export async function backfill(clients: AwsClients, options: BackfillOptions): Promise<BackfillReport> {
  const totalSegments = options.cursor?.totalSegments ?? options.segments ?? 4;
  const cursor: BackfillCursor = options.cursor
    ? structuredClone(options.cursor)
    : { entity: options.entity, totalSegments, segments: Array.from({ length: totalSegments }, () => ({ done: false })) };
  if (cursor.entity !== options.entity) throw new Error(`the cursor is for ${cursor.entity}, not ${options.entity}`);
  await calibrateClock(clients, options.prefix);
  const report: BackfillReport = {
    entity: options.entity,
    scanned: 0,
    adopted: 0,
    skipped: 0,
    consumedReadUnits: 0,
    consumedWriteUnits: 0,
    cursor,
    complete: false,
  };
  const writes = new PQueue({
    concurrency: 16,
    ...(options.maxItemsPerSecond ? { intervalCap: Math.max(1, Math.floor(options.maxItemsPerSecond)), interval: 1000 } : {}),
  });
  await Promise.all(cursor.segments.map((_, segment) => scanSegment(clients, options, cursor, segment, report, writes)));
  report.complete = cursor.segments.every((s) => s.done);
  return report;
}

async function scanSegment(
  clients: AwsClients,
  options: BackfillOptions,
  cursor: BackfillCursor,
  segment: number,
  report: BackfillReport,
  writes: PQueue,
): Promise<void> {
  const state = cursor.segments[segment];
  if (!state) return;
  const keyName = keyAttribute(options.entity);
  for (let page = 0; !state.done && page < (options.maxPagesPerSegment ?? Infinity); page++) {
    const result = await clients.doc.send(
      new ScanCommand({
        TableName: tableName(options.entity, options.prefix),
        Segment: segment,
        TotalSegments: cursor.totalSegments,
        Limit: options.pageSize ?? 500,
        FilterExpression: 'attribute_not_exists(#version)',
        ProjectionExpression: '#key, #updatedAt',
        ExpressionAttributeNames: { '#key': keyName, '#version': 'version', '#updatedAt': 'updatedAt' },
        ReturnConsumedCapacity: 'TOTAL',
        ...(state.exclusiveStartKey ? { ExclusiveStartKey: state.exclusiveStartKey } : {}),
      }),
    );
    report.scanned += result.ScannedCount ?? 0;
    report.consumedReadUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
    await Promise.all((result.Items ?? []).map((found) => writes.add(() => adopt(clients, options, found, report))));
    const next = result.LastEvaluatedKey as Record<string, string> | undefined;
    if (next) state.exclusiveStartKey = next;
    else {
      delete state.exclusiveStartKey;
      state.done = true;
    }
    await options.onProgress?.(cursor);
  }
}

async function adopt(clients: AwsClients, options: BackfillOptions, found: Record<string, unknown>, report: BackfillReport): Promise<void> {
  const key = found[keyAttribute(options.entity)];
  if (typeof key !== 'string') return;
  const updatedAt = typeof found.updatedAt === 'string' ? found.updatedAt : null;
  const stampedAt = updatedAt ?? clients.clock.now().toISOString();
  const update = buildVersionedUpdate({
    entity: options.entity,
    prefix: options.prefix,
    key,
    expected: { version: 0, updatedAt },
    changes: [],
    updatedAt: stampedAt,
    updatedBy: BACKFILL_WRITER,
  });
  // The builder leaves `clientSeq` to the first push; an adopted item starts with an empty one, as the schema reads it.
  update.UpdateExpression = `${update.UpdateExpression ?? ''}, #backfillClientSeq = if_not_exists(#backfillClientSeq, :backfillNoSeq)`;
  update.ExpressionAttributeNames = { ...update.ExpressionAttributeNames, '#backfillClientSeq': 'clientSeq' };
  update.ExpressionAttributeValues = { ...update.ExpressionAttributeValues, ':backfillNoSeq': {} };
  const entry = entryForWrite({ entity: options.entity, key, kind: 'update', changes: [], source: 'backfill', stamps: { version: 1, updatedAt: stampedAt, updatedBy: BACKFILL_WRITER } });
  try {
    // Awaited first: `total += await ...` would read the total before the await and lose the other adoptions' units.
    const units = await transactWithHistory(clients, options.prefix, update, entry);
    report.consumedWriteUnits += units;
    report.adopted++;
  } catch (error) {
    if (classifyRequestFailure(error).kind !== 'condition') throw error;
    report.skipped++;
  }
}
