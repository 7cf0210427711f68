import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityName } from '@shared/models';
import { RESOURCE_DAY_PREFIX, RESOURCE_DAY_TYPE, ResourceDaySchema, type DaySlot, type DayWrite } from '@shared/slots';
import { tableName } from '@shared/tables';
import { describeIssues } from '@shared/models/validate';
import type { AwsClients } from '../aws/clients';
import type { TransactItem } from '../history/record';

/**
 * The server's resource days (README.md, "No double booking"): one item per aircraft or instructor and day in
 * PilotForce-Resources, written only inside a booking's own transaction and conditioned on the version read,
 * so two desks can never both take a slot. They carry no `syncBucket`: no desk pulls them, and the Scans that
 * read the table (initial sync, reconciliation) leave them out (`withoutResourceDays`).
 */

/** A day as read: its slots and the version the write is conditioned on (0: no item yet). */
export type ReadDay = { slots: DaySlot[]; version: number };

/** A resource day on the server that does not fit its schema: never trusted, never overwritten blindly. */
export class InvalidResourceDayError extends Error {
  constructor(readonly resourceId: string, detail: string) {
    super(`the slot record ${resourceId} does not fit (${detail}): run \`npm run db:reconcile-slots -- --apply\` to rebuild it from the bookings`);
    this.name = 'InvalidResourceDayError';
  }
}

export async function readDays(clients: AwsClients, prefix: string, ids: Iterable<string>): Promise<Map<string, ReadDay>> {
  const TableName = tableName('resources', prefix);
  const entries = await Promise.all(
    [...ids].map(async (id): Promise<[string, ReadDay]> => {
      const read = await clients.doc.send(new GetCommand({ TableName, Key: { resourceId: id }, ConsistentRead: true }));
      if (!read.Item) return [id, { slots: [], version: 0 }];
      const parsed = ResourceDaySchema.safeParse(read.Item);
      if (!parsed.success) throw new InvalidResourceDayError(id, describeIssues(parsed.error.issues, read.Item));
      return [id, { slots: parsed.data.slots, version: parsed.data.version }];
    }),
  );
  return new Map(entries);
}

/** Each day's new slots, written whole, only over the version read (or only if still absent). */
export function dayWriteItems(prefix: string, writes: readonly DayWrite[], read: ReadonlyMap<string, ReadDay>, updatedAt: string): TransactItem[] {
  const TableName = tableName('resources', prefix);
  return writes.map(({ id, slots }) => {
    const version = read.get(id)?.version ?? 0;
    return {
      Put: {
        TableName,
        Item: { resourceId: id, resourceType: RESOURCE_DAY_TYPE, slots, version: version + 1, updatedAt },
        ...(version === 0
          ? { ConditionExpression: 'attribute_not_exists(resourceId)' }
          : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } }),
      },
    };
  });
}

/** A Scan's filter that leaves the resource days out of the resources table (other tables: none). */
export function withoutResourceDays(entity: EntityName): { expression: string; names: Record<string, string>; values: Record<string, string> } | null {
  if (entity !== 'resources') return null;
  return { expression: 'NOT begins_with(#dayKey, :dayPrefix)', names: { '#dayKey': 'resourceId' }, values: { ':dayPrefix': RESOURCE_DAY_PREFIX } };
}

/** Whether a transaction fell through on a resource day's condition (another desk took or freed a slot meanwhile), not on the change's. */
export function dayConditionFailed(error: unknown): boolean {
  const failure = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (failure?.name !== 'TransactionCanceledException' || !Array.isArray(failure.CancellationReasons)) return false;
  const [change, , ...days] = failure.CancellationReasons;
  return change?.Code !== 'ConditionalCheckFailed' && days.some((day) => day?.Code === 'ConditionalCheckFailed');
}
