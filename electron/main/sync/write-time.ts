import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { tableName } from '../../../shared/tables';
import type { AwsClients } from '../aws/clients';

/**
 * Before the first timestamp is taken, one cheap request (no capacity) sets the corrected clock from
 * DynamoDB's Date header: a laptop two hours off must not stamp its first write two hours off.
 */
export async function calibrateClock(clients: AwsClients, prefix: string): Promise<void> {
  if (Number.isFinite(clients.clock.uncertaintyMs())) return;
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName('users', prefix) }));
  } catch {
    // Offline: the requests that follow fail as well and are reported as such.
  }
}
