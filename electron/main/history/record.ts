import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '@shared/history/entry';
import type { ServerItem } from '@shared/sync/protocol';
import { historyTableName } from '@shared/tables';
import { type AwsClients, fromSdkItem } from '../aws/clients';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a change written with its history entry left on the item. */
export type WrittenChange = {
  /** The item as read right after the write (strongly consistent). */
  item: ServerItem;
  /** False when another write landed between this one and the read: `item` is then a later version. */
  exact: boolean;
  consumedWriteUnits: number;
};

/**
 * Writes a change and its history entry in ONE transaction (README.md, "History"): both or neither. The
 * change keeps its own condition (a failed one cancels the transaction and comes back as a
 * ConditionalCheckFailed with the current item, see aws-errors.ts), the entry may not exist yet. A
 * transaction returns no item, so the item is read back (consistently) for the caller.
 */
export async function writeWithHistory(clients: AwsClients, prefix: string, update: UpdateCommandInput, entry: HistoryEntry, alongside: readonly TransactItem[] = []): Promise<WrittenChange> {
  const consumedWriteUnits = await transactWithHistory(clients, prefix, update, entry, alongside);
  const read = await clients.doc.send(new GetCommand({ TableName: update.TableName, Key: update.Key, ConsistentRead: true }));
  const item = fromSdkItem(read.Item ?? {});
  return { item, exact: item.updatedAt === entry.updatedAt, consumedWriteUnits };
}

/**
 * The transaction alone, for writers that need no item back (the ops tools' adoptions of many items); its write units.
 * `alongside`: writes that stand or fall with the change (a booking's resource days, electron/main/slots), after the entry.
 */
export async function transactWithHistory(clients: AwsClients, prefix: string, update: UpdateCommandInput, entry: HistoryEntry, alongside: readonly TransactItem[] = []): Promise<number> {
  const { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = update;
  if (!TableName || !Key || !UpdateExpression) throw new Error('a change written with its history is a whole UpdateItem');
  return sendWithEntry(clients, prefix, { Update: { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } }, entry, undefined, alongside);
}

/**
 * A new item written whole, only if its key is free, with its creation's entry: for a writer that made the item
 * itself (the upload queue's asset item) rather than from a desk's changes. Its write units.
 */
export async function createWithHistory(
  clients: AwsClients,
  prefix: string,
  put: { TableName: string; Item: Record<string, unknown>; keyName: string },
  entry: HistoryEntry,
  signal?: AbortSignal,
): Promise<number> {
  const { TableName, Item, keyName } = put;
  return sendWithEntry(
    clients,
    prefix,
    { Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': keyName }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
    entry,
    signal,
  );
}


/** The change first, its entry second, then what goes with them: aws-errors.ts reads a cancellation's reasons in that order. */
async function sendWithEntry(clients: AwsClients, prefix: string, change: TransactItem, entry: HistoryEntry, signal?: AbortSignal, alongside: readonly TransactItem[] = []): Promise<number> {
  const result = await clients.doc.send(
    new TransactWriteCommand({
      TransactItems: [change, { Put: { TableName: historyTableName(prefix), Item: entry, ConditionExpression: 'attribute_not_exists(changeId)' } }, ...alongside],
      ReturnConsumedCapacity: 'TOTAL',
    }),
    signal ? { abortSignal: signal } : {},
  );
  return (result.ConsumedCapacity ?? []).reduce((sum, table) => sum + (table.CapacityUnits ?? 0), 0);
}
