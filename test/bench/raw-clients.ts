import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS } from '@main/aws/config';

/**
 * A plain SDK document client for the baselines: the SDK's own defaults (no app timeouts, which a
 * machine this busy can trip with 96 parallel Scan segments), nothing of the app's middleware.
 */
export function rawDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }));
}
