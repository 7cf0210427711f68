import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { instantMs } from '@shared/sync/checkpoint';
import { tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';

/**
 * Time for writes. Before the first timestamp is taken, one cheap request (no capacity) sets the corrected clock from
 * DynamoDB's Date header: a laptop two hours off must not stamp its first write two hours off.
 */
export async function calibrateClock(clients: AwsClients, prefix: string): Promise<void> {
  if (Number.isFinite(clients.clock.uncertaintyMs())) return;
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('users', prefix) }));
  } catch (error) {
    // An error response still has a Date header; without any, nothing may be stamped or checkpointed on the
    // uncorrected clock (hours off, it would write hours off or checkpoint past changes still to come).
    if (!Number.isFinite(clients.clock.uncertaintyMs())) throw error;
  }
}

/** Strictly after the item's previous `updatedAt`, so the sync index orders every write after the one it replaced. */
export function nextUpdatedAt(clients: AwsClients, previous: string | null | undefined): string {
  const now = clients.clock.now().getTime();
  const floor = previous ? instantMs(previous) + 1 : 0;
  return new Date(Math.max(now, floor)).toISOString();
}
