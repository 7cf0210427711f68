import type { AssetType } from '../models/asset';

/** A file type the app accepts: its sniffed MIME type, asset type and the extensions a name may carry. */
export type AcceptedType = { mimeType: string; assetType: AssetType; extensions: readonly string[] };

export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  { mimeType: 'image/jpeg', assetType: 'image', extensions: ['jpg', 'jpeg'] },
  { mimeType: 'image/png', assetType: 'image', extensions: ['png'] },
  { mimeType: 'image/webp', assetType: 'image', extensions: ['webp'] },
  { mimeType: 'image/gif', assetType: 'image', extensions: ['gif'] },
  { mimeType: 'image/heic', assetType: 'image', extensions: ['heic', 'heif'] },
  { mimeType: 'image/heif', assetType: 'image', extensions: ['heic', 'heif'] },
  { mimeType: 'application/pdf', assetType: 'document', extensions: ['pdf'] },
  { mimeType: 'video/mp4', assetType: 'video', extensions: ['mp4', 'm4v'] },
  { mimeType: 'video/x-m4v', assetType: 'video', extensions: ['mp4', 'm4v'] },
  { mimeType: 'video/quicktime', assetType: 'video', extensions: ['mov', 'qt'] },
  { mimeType: 'video/webm', assetType: 'video', extensions: ['webm'] },
];

/** Largest file the app uploads (a long training video); S3 itself allows 5 TB. */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

export const ACCEPTED_DESCRIPTION = 'JPEG, PNG, WebP, GIF or HEIC images, PDF documents, MP4, MOV or WebM videos';

export function acceptedType(mimeType: string): AcceptedType | undefined {
  return ACCEPTED_TYPES.find((type) => type.mimeType === mimeType);
}

/** The MIME types an asset of this type may have: the accepted types above, the one table the model, staging and the queue share. */
export function mimeTypesOf(assetType: AssetType): string[] {
  return ACCEPTED_TYPES.filter((type) => type.assetType === assetType).map((type) => type.mimeType);
}

const ARTICLE: Record<AssetType, string> = { image: 'An image', document: 'A document', video: 'A video' };

/**
 * Why an asset's MIME type does not fit its asset type (`image` with `text/html` would be shown and
 * thumbnailed as a picture while the object is a web page), or undefined when it fits.
 */
export function assetFileProblem(assetType: AssetType, mimeType: string): string | undefined {
  if (acceptedType(mimeType)?.assetType === assetType) return undefined;
  const allowed = mimeTypesOf(assetType);
  return `${ARTICLE[assetType]} asset is ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed.at(-1)}, not ${mimeType}.`;
}

/** Lower-case extension of a file name, '' when it has none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * A file name safe as the last segment of an S3 key and on every file system: letters, digits, `.`, `_`
 * and `-` only, starting with a letter or digit, at most 100 characters, never empty or hidden.
 */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const ext = extensionOf(base);
  const stem = ext ? base.slice(0, -(ext.length + 1)) : base;
  const clean = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '') // accents go, their letters stay: é -> e
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '');
  const safeExt = clean(ext).slice(0, 10);
  const safeStem = clean(stem).slice(0, 100 - safeExt.length - 1) || 'file';
  return safeExt ? `${safeStem}.${safeExt}` : safeStem;
}

/** The object key of an asset: grouped by user, then asset id, so a user's files list under one prefix. */
export function assetObjectKey(userId: string, assetId: string, fileName: string): string {
  return `users/${encodeKeySegment(userId)}/${encodeKeySegment(assetId)}/${safeFileName(fileName)}`;
}

/** Keys the app reads back must follow its own layout: nothing else in the bucket is served. */
export function isAssetObjectKey(key: string): boolean {
  return /^users\/[^/]+\/[^/]+\/[^/]+$/.test(key) && !key.includes('..');
}

function encodeKeySegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*~.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
