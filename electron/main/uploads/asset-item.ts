import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Asset, AssetSchema } from '@shared/models/asset';
import { syncBucketOf, tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';
import type { JobRecord } from './journal';
import { FinalFailure } from './retry';

/** Who wrote an uploaded asset's item, in `updatedBy`. */
export const UPLOADER = 'upload-queue';

/** The object's canonical URL (the bucket is private: it is opened through presigned URLs). */
export function canonicalObjectUrl(clients: AwsClients, s3Key: string): string {
  const { bucket, region, s3Endpoint } = clients.config;
  const path = s3Key.split('/').map(encodeURIComponent).join('/');
  return s3Endpoint ? `${s3Endpoint.replace(/\/$/, '')}/${bucket}/${path}` : `https://${bucket}.s3.${region}.amazonaws.com/${path}`;
}

/** The Asset item of a job whose object is complete; `itemCreatedAt` was fixed when the write was journaled. */
export function assetItemOf(clients: AwsClients, job: JobRecord): Asset {
  const at = job.itemCreatedAt ?? job.createdAt;
  const size = job.width !== undefined && job.height !== undefined ? { width: job.width, height: job.height } : {};
  const metadata = { ...size, ...job.document };
  return AssetSchema.parse({
    assetId: job.assetId,
    assetType: job.assetType,
    fileName: job.fileName,
    s3Key: job.s3Key,
    s3Url: canonicalObjectUrl(clients, job.s3Key),
    mimeType: job.mimeType,
    size: job.size,
    userId: job.userId,
    tags: job.tags,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    checksum: job.checksum,
    createdAt: at,
    version: 1,
    updatedAt: at,
    clientSeq: {},
    updatedBy: UPLOADER,
    syncBucket: syncBucketOf(job.assetId),
  });
}

/**
 * Writes the item only if no item has this asset id. When the condition fails because the item is already
 * there for this very object (a retry after a lost response or a crash), it counts as written: exactly once.
 */
export async function writeAssetItem(clients: AwsClients, prefix: string, job: JobRecord, signal: AbortSignal): Promise<void> {
  const item = assetItemOf(clients, job);
  const TableName = tableName('assets', prefix);
  try {
    await clients.doc.send(
      new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(assetId)' }),
      { abortSignal: signal },
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const existing = await clients.doc.send(new GetCommand({ TableName, Key: { assetId: job.assetId }, ConsistentRead: true }));
    if (existing.Item?.s3Key !== job.s3Key) {
      throw new FinalFailure({ kind: 'final', reason: 'Another asset already has this id; the upload was not recorded.' });
    }
  }
}
