import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as delay } from 'node:timers/promises';
import PQueue from 'p-queue';
import { historyTableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';

/**
 * How long the history keeps what (README.md, "History"): every item's latest `keepLatest` changes for as
 * long as the item lives, and every change for `keepDays` days; an item deleted for good (its tombstone's
 * expiry passed: DynamoDB's TTL then removes the tombstone) loses its history with it.
 */
export const HISTORY_RETENTION = { keepLatest: 100, keepDays: 730 } as const;

export type TrimOptions = {
  clients: AwsClients;
  prefix: string;
  keepLatest?: number;
  keepDays?: number;
  /** Delete what is past its retention; without it, only count it. */
  apply: boolean;
  /** Read and write units per second at the most (the Scan is paced, like the reconciliation's). */
  maxUnitsPerSecond?: number;
  /** Epoch milliseconds of "now", from the corrected clock. */
  nowMs: number;
  pause?: (ms: number) => Promise<void>;
};

export type TrimReport = {
  dryRun: boolean;
  items: number;
  entries: number;
  /** Entries past the retention: deleted, or to delete in a dry run. */
  trimmed: number;
  /** Of those, entries of items deleted for good. */
  ofDeletedItems: number;
  consumedReadUnits: number;
  consumedWriteUnits: number;
};

type EntryRef = { itemKey: string; changeId: string; updatedAt: string; kind: string; tombstoneExpiresAt?: number };

/** Which of one item's entries are past the retention. */
export function entriesPastRetention(entries: readonly EntryRef[], nowMs: number, keepLatest: number = HISTORY_RETENTION.keepLatest, keepDays: number = HISTORY_RETENTION.keepDays): EntryRef[] {
  const newestFirst = [...entries].sort((a, b) => (a.changeId < b.changeId ? 1 : a.changeId > b.changeId ? -1 : 0));
  const newest = newestFirst[0];
  if (newest?.kind === 'delete' && newest.tombstoneExpiresAt !== undefined && newest.tombstoneExpiresAt * 1000 <= nowMs) return newestFirst;
  const cutoff = nowMs - keepDays * 86_400_000;
  return newestFirst.slice(keepLatest).filter((entry) => Date.parse(entry.updatedAt) < cutoff);
}

/**
 * One pass over the history table (a Scan of the keys and dates only, paced), then a conditional delete of
 * each entry past the retention: one already gone (another trim) counts as trimmed, nothing else is touched.
 */
export async function trimHistory(options: TrimOptions): Promise<TrimReport> {
  const { clients, prefix, nowMs } = options;
  const TableName = historyTableName(prefix);
  const rate = options.maxUnitsPerSecond ?? 100;
  const pause = options.pause ?? ((ms: number) => delay(ms).then(() => undefined));
  const report: TrimReport = { dryRun: !options.apply, items: 0, entries: 0, trimmed: 0, ofDeletedItems: 0, consumedReadUnits: 0, consumedWriteUnits: 0 };
  const byItem = new Map<string, EntryRef[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await clients.doc.send(
      new ScanCommand({
        TableName,
        ProjectionExpression: 'itemKey, changeId, updatedAt, #kind, tombstoneExpiresAt',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ReturnConsumedCapacity: 'TOTAL',
        ExclusiveStartKey,
      }),
    );
    for (const raw of page.Items ?? []) {
      const entry = raw as EntryRef;
      const entries = byItem.get(entry.itemKey);
      if (entries) entries.push(entry);
      else byItem.set(entry.itemKey, [entry]);
      report.entries += 1;
    }
    const units = page.ConsumedCapacity?.CapacityUnits ?? 0;
    report.consumedReadUnits += units;
    ExclusiveStartKey = page.LastEvaluatedKey;
    if (ExclusiveStartKey && units > 0) await pause((units / rate) * 1000);
  } while (ExclusiveStartKey);
  report.items = byItem.size;

  const past = [...byItem.values()].flatMap((entries) => {
    const trimmed = entriesPastRetention(entries, nowMs, options.keepLatest, options.keepDays);
    if (trimmed.length === entries.length && trimmed.length > 0) report.ofDeletedItems += trimmed.length;
    return trimmed;
  });
  report.trimmed = past.length;
  if (!options.apply) return report;
  const queue = new PQueue({ concurrency: 4 });
  await Promise.all(past.map((entry) => queue.add(async () => {
    try {
      const result = await clients.doc.send(
        new DeleteCommand({ TableName, Key: { itemKey: entry.itemKey, changeId: entry.changeId }, ConditionExpression: 'attribute_exists(changeId)', ReturnConsumedCapacity: 'TOTAL' }),
      );
      const units = result.ConsumedCapacity?.CapacityUnits ?? 0;
      report.consumedWriteUnits += units;
      if (units > 0) await pause((units / rate) * 1000);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  })));
  return report;
}
