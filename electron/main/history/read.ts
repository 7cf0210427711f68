import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HISTORY_PAGE_SIZE, type HistoryPage, type OutsideChange } from '@shared/api/history';
import { HistoryEntrySchema, historyItemKey, historyValueText, type HistoryEntry } from '@shared/history/entry';
import { replayEntry } from '@shared/history/replay';
import type { EntityName } from '@shared/models';
import { diffItems } from '@shared/sync/changes';
import { SYNC_ATTRIBUTE_NAMES } from '@shared/models/sync-attributes';
import type { ServerItem } from '@shared/sync/protocol';
import { stampOf } from '@shared/sync/versions';
import { historyTableName, keyAttribute, tableName } from '@shared/tables';
import { type AwsClients, fromSdkItem } from '../aws/clients';

/**
 * An item's latest changes (README.md, "History"): one Query of its partition, newest first, and the item
 * itself, so a change another tool made since the app's newest entry shows as such, the same on every desk
 * (it is derived from what DynamoDB holds, not from what a desk saw).
 */
export async function listHistory(clients: AwsClients, prefix: string, entity: EntityName, key: string): Promise<HistoryPage> {
  const [page, current] = await Promise.all([
    clients.doc.send(
      new QueryCommand({
        TableName: historyTableName(prefix),
        KeyConditionExpression: 'itemKey = :item',
        ExpressionAttributeValues: { ':item': historyItemKey(entity, key) },
        ScanIndexForward: false,
        Limit: HISTORY_PAGE_SIZE,
      }),
    ),
    clients.doc.send(new GetCommand({ TableName: tableName(entity, prefix), Key: { [keyAttribute(entity)]: key }, ConsistentRead: true })),
  ]);
  // An entry that does not fit the schema (written by something else) is left out rather than failing the page.
  const entries = (page.Items ?? []).flatMap((raw) => {
    const parsed = HistoryEntrySchema.safeParse(fromSdkItem(raw));
    return parsed.success ? [parsed.data] : [];
  });
  const complete = page.LastEvaluatedKey === undefined;
  const item = current.Item ? fromSdkItem(current.Item) : null;
  return { entries, outside: item ? outsideChange(item, entries, complete) : null, complete, readAt: clients.clock.nowIso() };
}

function outsideChange(item: ServerItem, newestFirst: HistoryEntry[], complete: boolean): OutsideChange | null {
  const newest = newestFirst[0];
  const stamp = stampOf(item);
  if (newest && newest.updatedAt === stamp.updatedAt && newest.version === stamp.version) return null;
  const base = { afterVersion: newest?.version ?? 0, version: stamp.version, updatedAt: stamp.updatedAt };
  // The fields can be told only from the item's whole history, from its creation on.
  const oldestFirst = [...newestFirst].reverse();
  if (!complete || oldestFirst[0]?.kind !== 'create') return { ...base, changes: null };
  const expected = oldestFirst.reduce<ServerItem | null>((image, entry) => replayEntry(image, entry), null) ?? {};
  const own = (record: ServerItem) => Object.fromEntries(Object.entries(record).filter(([name]) => !(SYNC_ATTRIBUTE_NAMES as readonly string[]).includes(name)));
  const changes = diffItems(own(expected), own(item)).map((change) => ({
    path: change.path,
    ...(change.base === undefined ? {} : { old: historyValueText(change.base) }),
    ...(change.op === 'set' ? { new: historyValueText(change.value) } : {}),
  }));
  return { ...base, changes };
}
