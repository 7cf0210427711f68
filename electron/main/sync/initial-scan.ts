import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityName } from '@shared/models';
import type { ScanResponse } from '@shared/sync/protocol';
import { tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';
import { checkItems } from './validate-item';
import { withoutResourceDays } from '../slots/days';

export type ScanPageInput = {
  entity: EntityName;
  segment: number;
  totalSegments: number;
  exclusiveStartKey: Record<string, string> | null;
  limit: number;
};

/**
 * One page of one segment of the initial sync's parallel Scan, the one place a Scan is right: the
 * client reads the whole table once, segments in parallel (a single segment slows down with its size),
 * resumable from `lastEvaluatedKey`. The delta checkpoint must be taken before the first page.
 */
export async function scanPage({ clients, prefix }: { clients: AwsClients; prefix: string }, input: ScanPageInput): Promise<ScanResponse> {
  const days = withoutResourceDays(input.entity);
  const result = await clients.doc.send(
    new ScanCommand({
      TableName: tableName(input.entity, prefix),
      ...(days ? { FilterExpression: days.expression, ExpressionAttributeNames: days.names, ExpressionAttributeValues: days.values } : {}),
      Segment: input.segment,
      TotalSegments: input.totalSegments,
      Limit: input.limit,
      ReturnConsumedCapacity: 'TOTAL',
      ...(input.exclusiveStartKey ? { ExclusiveStartKey: input.exclusiveStartKey } : {}),
    }),
  );
  const checked = checkItems(input.entity, (result.Items ?? []) as Array<Record<string, unknown>>, clients.clock.now().getTime());
  const last = result.LastEvaluatedKey as Record<string, string> | undefined;
  return { ...checked, lastEvaluatedKey: last ?? null, consumedReadUnits: result.ConsumedCapacity?.CapacityUnits ?? 0 };
}
