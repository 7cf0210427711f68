import { z } from 'zod';
import { assetFileProblem } from '../uploads/accepted';
import { DynamoValueSchema } from '../values';
import { LocalDateSchema } from './booking';
import { DocumentKindSchema } from './school-settings';
import { IsoInstantSchema, SyncAttributesShape, unknownAttributes } from './sync-attributes';
import { WebUrlSchema } from './web-url';

export const ASSET_TYPES = ['image', 'document', 'video'] as const;
export const AssetTypeSchema = z.enum(ASSET_TYPES);
export type AssetType = z.infer<typeof AssetTypeSchema>;

export const AssetMetadataSchema = z
  .object({
    width: z.number().int().min(0).optional(),
    height: z.number().int().min(0).optional(),
    location: z.string().max(200).optional(),
    /**
     * The asset is a document of this kind (an id of the school's `documentKinds`), valid from `issuedOn`
     * through `expiresOn` (school dates). That the kind exists and the expiry follows the issue is
     * checked at the edit (shared/documents/document-fields.ts), not here: the settings sync separately,
     * and two desks' edits of the two dates merge.
     */
    documentKind: DocumentKindSchema.shape.kindId.optional(),
    issuedOn: LocalDateSchema.optional(),
    expiresOn: LocalDateSchema.optional(),
  })
  .catchall(DynamoValueSchema);

export const AssetFieldsShape = {
  assetId: z.string().min(1).max(1024),
  assetType: AssetTypeSchema,
  fileName: z.string().min(1).max(255),
  s3Key: z.string().min(1).max(1024),
  /** The object's canonical URL (https, or http on loopback for the local emulator); the bucket is private, so it is opened through presigned URLs. */
  s3Url: WebUrlSchema.optional(),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'not a MIME type'),
  size: z.number().int().min(0),
  userId: z.string().min(1).max(1024),
  tags: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
  metadata: AssetMetadataSchema.optional(),
  /** SHA-256 of the object's bytes, base64, verified by S3 on upload. */
  checksum: z.string().optional(),
  createdAt: IsoInstantSchema,
};

/**
 * `mimeType` must fit `assetType` (shared/uploads/accepted.ts): on an item, a staged file, a journaled job.
 * The issue is reported on `mimeType`.
 */
export function checkAssetFile(file: { assetType: AssetType; mimeType: string }, ctx: z.RefinementCtx): void {
  const problem = assetFileProblem(file.assetType, file.mimeType);
  if (problem) ctx.addIssue({ code: 'custom', path: ['mimeType'], message: problem });
}

/**
 * Fields an update may not change: they describe the uploaded object's bytes (S3 serves the object with
 * the type it was uploaded with), so a different type is a different file, uploaded again.
 */
export const ASSET_FILE_FIELDS: readonly string[] = ['assetType', 'mimeType'];

export const AssetSchema = z.object({ ...AssetFieldsShape, ...SyncAttributesShape }).catchall(unknownAttributes).superRefine(checkAssetFile);
export type Asset = z.infer<typeof AssetSchema>;
