import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as delay } from 'node:timers/promises';
import type { EntityName } from '@shared/models';
import { entryForWrite } from '@shared/history/entry';
import type { ReconcileResponse, ServerItem } from '@shared/sync/protocol';
import { keyAttribute, tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';
import { classifyRequestFailure } from './aws-errors';
import { calibrateClock, nextUpdatedAt } from './write-time';
import { buildVersionedUpdate } from './conditional-write';
import { transactWithHistory } from '../history/record';
import { withoutResourceDays } from '../slots/days';

export type ReconcileOptions = {
  clients: AwsClients;
  prefix: string;
  /** Waits between pages to keep under the rate; replaceable so tests can record the pacing. */
  pause?: (ms: number) => Promise<void>;
};

export type ReconcileInput = {
  entity: EntityName;
  exclusiveStartKey: Record<string, string> | null;
  maxReadUnitsPerSecond: number;
  maxPages: number;
};

/** Who adopted an item, in `updatedBy`. */
export const RECONCILER = 'sync-reconciler';

/**
 * Adopts items other tools wrote without sync attributes (electron/main/sync/README.md,
 * "Reconciliation"): they are not in SyncIndex (no `syncBucket`), so no delta pull can see them. A Scan
 * is unavoidable here, so it is paced to `maxReadUnitsPerSecond` (read and write units alike), resumable
 * from `lastEvaluatedKey`, and reports what it consumed. Each adoption is the usual conditional write on
 * "never adopted" (version absent, `updatedAt` as read): a concurrent write by anyone makes it a no-op,
 * never an overwrite. Adopting stamps `updatedAt` now, which is what makes the item appear in every
 * client's next pull.
 */
export async function reconcile(options: ReconcileOptions, input: ReconcileInput): Promise<ReconcileResponse> {
  const { clients, prefix } = options;
  const pause = options.pause ?? ((ms: number) => delay(ms).then(() => undefined));
  await calibrateClock(clients, prefix);
  const keyName = keyAttribute(input.entity);
  let exclusiveStartKey = input.exclusiveStartKey;
  // The resource days are main's own, never synced: adopting one would send it to every desk.
  const days = withoutResourceDays(input.entity);
  const totals = { scanned: 0, adopted: 0, consumedReadUnits: 0, consumedWriteUnits: 0 };
  for (let page = 0; page < input.maxPages; page++) {
    const result = await clients.doc.send(
      new ScanCommand({
        TableName: tableName(input.entity, prefix),
        Limit: 100,
        FilterExpression: `(attribute_not_exists(#version) OR attribute_not_exists(#bucket))${days ? ` AND ${days.expression}` : ''}`,
        ProjectionExpression: '#key, #version, #updatedAt',
        ExpressionAttributeNames: { '#key': keyName, '#version': 'version', '#bucket': 'syncBucket', '#updatedAt': 'updatedAt', ...days?.names },
        ...(days ? { ExpressionAttributeValues: days.values } : {}),
        ReturnConsumedCapacity: 'TOTAL',
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    totals.scanned += result.ScannedCount ?? 0;
    const readUnits = result.ConsumedCapacity?.CapacityUnits ?? 0;
    totals.consumedReadUnits += readUnits;
    let writeUnits = 0;
    for (const found of result.Items ?? []) {
      const units = await adopt(options, input.entity, found);
      if (units > 0) totals.adopted++;
      writeUnits += units;
    }
    totals.consumedWriteUnits += writeUnits;
    exclusiveStartKey = (result.LastEvaluatedKey as Record<string, string> | undefined) ?? null;
    if (!exclusiveStartKey || page + 1 === input.maxPages) break;
    await pause((Math.max(readUnits, writeUnits) / input.maxReadUnitsPerSecond) * 1000);
  }
  return { ...totals, lastEvaluatedKey: exclusiveStartKey };
}

/** One conditional adoption; returns the write units it consumed (0 when someone else got there first). */
async function adopt({ clients, prefix }: ReconcileOptions, entity: EntityName, found: Record<string, unknown>): Promise<number> {
  const key = found[keyAttribute(entity)];
  if (typeof key !== 'string') return 0;
  // An item with a version but no bucket was versioned elsewhere: it only needs its bucket, which every write sets.
  const version = typeof found.version === 'number' ? found.version : 0;
  const updatedAt = typeof found.updatedAt === 'string' ? found.updatedAt : null;
  if (version !== 0 && !updatedAt) return 0;
  const expected = updatedAt ? { version, updatedAt } : { version: 0 as const, updatedAt: null };
  const adoptedAt = nextUpdatedAt(clients, updatedAt);
  const update = buildVersionedUpdate({ entity, prefix, key, expected, changes: [], updatedAt: adoptedAt, updatedBy: RECONCILER });
  // The adoption is a change of its own in the item's history: from here on the app versions it.
  const entry = entryForWrite({ entity, key, kind: 'update', changes: [], current: found as ServerItem, source: 'reconcile', stamps: { version: version + 1, updatedAt: adoptedAt, updatedBy: RECONCILER } });
  try {
    return await transactWithHistory(clients, prefix, update, entry);
  } catch (error) {
    if (classifyRequestFailure(error).kind === 'condition') return 0; // written meanwhile: that write adopts it
    throw error;
  }
}
