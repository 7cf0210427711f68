import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { entryForWrite } from '@shared/history/entry';
import { type Asset, AssetSchema } from '@shared/models/asset';
import { syncBucketOf, tableName } from '@shared/tables';
import { type AwsClients, fromSdkItem } from '../aws/clients';
import { createWithHistory } from '../history/record';
import { classifyRequestFailure } from '../sync/aws-errors';
import type { JobRecord } from './journal';
import { FinalFailure } from './retry';

/** Who wrote an uploaded asset's item, in `updatedBy`, when the job does not name the person (journals from before). */
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
    updatedBy: job.uploadedBy ?? UPLOADER,
    syncBucket: syncBucketOf(job.assetId),
  });
}

/** What the entry's own stamps say (replay puts them back): the rest of the item is the creation's fields. */
const STAMPED = new Set(['version', 'updatedAt', 'updatedBy', 'syncBucket']);

/**
 * Writes the item only if no item has this asset id, with its creation's history entry in the same transaction
 * (README.md, "History"). When the condition fails because the item is already there for this very object (a
 * retry after a lost response or a crash: the entry went with it), it counts as written: exactly once.
 */
export async function writeAssetItem(clients: AwsClients, prefix: string, job: JobRecord, signal: AbortSignal): Promise<void> {
  const item = assetItemOf(clients, job);
  const TableName = tableName('assets', prefix);
  const { version, updatedAt, updatedBy = UPLOADER } = item;
  const { assetId: _key, ...fields } = fromSdkItem(item);
  const recorded = Object.fromEntries(Object.entries(fields).filter(([name]) => !STAMPED.has(name)));
  const entry = entryForWrite({ entity: 'assets', key: item.assetId, kind: 'create', item: recorded, source: 'upload', writeId: job.jobId, stamps: { version, updatedAt, updatedBy } });
  try {
    await createWithHistory(clients, prefix, { TableName, Item: item, keyName: 'assetId' }, entry, signal);
  } catch (error) {
    if (classifyRequestFailure(error).kind !== 'condition') throw error;
    const existing = await clients.doc.send(new GetCommand({ TableName, Key: { assetId: job.assetId }, ConsistentRead: true }));
    if (existing.Item?.s3Key !== job.s3Key) {
      throw new FinalFailure({ kind: 'final', reason: 'Another asset already has this id; the upload was not recorded.' });
    }
  }
}
