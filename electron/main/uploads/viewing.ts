import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ApiFailure } from '@shared/api/result';
import { isAssetObjectKey } from '@shared/uploads/accepted';
import type { AwsClients } from '../aws/clients';
import { makeThumbnail, thumbnailPath, thumbsDir, webpDataUrl } from './staging';

/** Presigned GETs live this long: enough to open a preview, too short to be worth leaking. */
export const PREVIEW_EXPIRY_SECONDS = 300;
/** Thumbnails of other clients' uploads are made from objects up to this size. */
const THUMBNAIL_SOURCE_MAX_BYTES = 50 * 1024 * 1024;

export async function previewUrl(clients: AwsClients, s3Key: string): Promise<{ url: string; expiresAt: string }> {
  if (!isAssetObjectKey(s3Key)) throw new ApiFailure('invalid_input', 'Not an asset of this app.');
  const url = await getSignedUrl(clients.s3, new GetObjectCommand({ Bucket: clients.config.bucket, Key: s3Key }), {
    expiresIn: PREVIEW_EXPIRY_SECONDS,
  });
  return { url, expiresAt: new Date(clients.clock.now().getTime() + PREVIEW_EXPIRY_SECONDS * 1000).toISOString() };
}

/**
 * The cached thumbnail, so the grid works offline. An image uploaded elsewhere gets one made from its
 * object the first time it is asked for while online; offline, or for other types, there is none (null).
 */
export async function cachedThumbnail(clients: AwsClients, dataDir: string, assetId: string, s3Key?: string): Promise<string | null> {
  const path = thumbnailPath(dataDir, assetId);
  const cached = await readFile(path).catch(() => undefined);
  if (cached) return webpDataUrl(cached);
  if (!s3Key || !isAssetObjectKey(s3Key)) return null;
  try {
    const Bucket = clients.config.bucket;
    const head = await clients.s3.send(new HeadObjectCommand({ Bucket, Key: s3Key }));
    if (!head.ContentType?.startsWith('image/') || (head.ContentLength ?? Infinity) > THUMBNAIL_SOURCE_MAX_BYTES) return null;
    const object = await clients.s3.send(new GetObjectCommand({ Bucket, Key: s3Key }));
    const bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    const thumbnail = await makeThumbnail(bytes);
    if (!thumbnail) return null;
    await mkdir(thumbsDir(dataDir), { recursive: true });
    await writeFile(path, thumbnail);
    return webpDataUrl(thumbnail);
  } catch {
    return null; // offline or the object is gone: the grid shows the type's icon
  }
}
