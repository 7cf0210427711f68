import { z } from 'zod';
import { UploadDocumentSchema } from '../documents/document-fields';
import { AssetFieldsShape, AssetTypeSchema, checkAssetFile } from '../models/asset';
import { UpdatedBySchema } from '../sync/protocol';
import { defineCall } from './define';

const IdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not an id');

/** A file copied into main's staging folder: only its id and metadata reach the renderer, never a path. */
export const StagedFileObject = z.object({
  stagingId: IdSchema,
  fileName: z.string().min(1).max(255),
  mimeType: z.string(),
  assetType: AssetTypeSchema,
  size: z.number().int().min(0),
  /** SHA-256 of the bytes, base64. */
  checksum: z.string(),
  width: z.number().int().min(0).optional(),
  height: z.number().int().min(0).optional(),
  /** A small WebP thumbnail for images, as a data URL. */
  thumbnail: z.string().optional(),
});
export const StagedFileSchema = StagedFileObject.superRefine(checkAssetFile);
export type StagedFile = z.infer<typeof StagedFileSchema>;

/** A staged file no upload uses yet (added, then the window closed or nobody pressed Upload). */
export const UnqueuedFileSchema = StagedFileObject.extend({
  stagedAt: z.iso.datetime(),
  /** When main discards it if it is still not queued. */
  discardAt: z.iso.datetime(),
}).superRefine(checkAssetFile);
export type UnqueuedFile = z.infer<typeof UnqueuedFileSchema>;

export const UPLOAD_STATES = ['queued', 'uploading', 'objectComplete', 'itemPending', 'done', 'cancelled', 'failed'] as const;
export const UploadStateSchema = z.enum(UPLOAD_STATES);
export type UploadState = z.infer<typeof UploadStateSchema>;

/** What the renderer sees of an upload job. */
export const UploadJobSchema = z.object({
  jobId: IdSchema,
  assetId: IdSchema,
  fileName: z.string(),
  mimeType: z.string(),
  assetType: AssetTypeSchema,
  size: z.number().int().min(0),
  userId: z.string(),
  tags: z.array(z.string()),
  state: UploadStateSchema,
  paused: z.boolean(),
  bytesSent: z.number().int().min(0),
  /** Why the job failed or is waiting to retry (safe to show). */
  error: z.string().optional(),
  /** Something the user should know that is not an error, e.g. an operation the local emulator lacks. */
  notice: z.string().optional(),
  createdAt: z.string(),
});
export type UploadJob = z.infer<typeof UploadJobSchema>;

export const UploadProgressSchema = z.object({
  jobId: IdSchema,
  bytesSent: z.number().int().min(0),
  size: z.number().int().min(0),
  bytesPerSecond: z.number().min(0),
  /** Seconds left at the current speed; null while the speed is unknown. */
  etaSeconds: z.number().min(0).nullable(),
});
export type UploadProgress = z.infer<typeof UploadProgressSchema>;

const JobRef = z.object({ jobId: IdSchema });

export const UPLOAD_CALLS = {
  /** Stages a file by its path: only over Electron IPC (a dropped file's path from the preload). */
  'uploads.stagePath': defineCall(z.object({ path: z.string().min(1).max(4096) }), StagedFileSchema),
  /**
   * Staged files not queued yet, oldest first: they count against the staging quota until they are
   * queued, discarded (`uploads.discard`) or dropped by main when their `discardAt` passes.
   */
  'uploads.staged': defineCall(
    z.object({}).default({}),
    z.object({
      files: z.array(UnqueuedFileSchema),
      totalBytes: z.number().int().min(0),
      quotaBytes: z.number().int().min(0),
    }),
  ),
  /** Drops a staged file that was not enqueued. */
  'uploads.discard': defineCall(z.object({ stagingId: IdSchema }), z.object({ discarded: z.boolean() })),
  'uploads.enqueue': defineCall(
    /**
     * `document`: the file is a document of a kind, with its dates (written into the asset's metadata);
     * `uploadedBy`: the person working, recorded as the asset's `updatedBy` and in its history.
     */
    z.object({ stagingId: IdSchema, userId: AssetFieldsShape.userId, tags: AssetFieldsShape.tags, document: UploadDocumentSchema.optional(), uploadedBy: UpdatedBySchema.optional() }),
    UploadJobSchema,
  ),
  'uploads.list': defineCall(z.object({}).default({}), z.object({ jobs: z.array(UploadJobSchema) })),
  'uploads.pause': defineCall(JobRef, UploadJobSchema),
  'uploads.resume': defineCall(JobRef, UploadJobSchema),
  'uploads.cancel': defineCall(JobRef, UploadJobSchema),
  /** A short-lived presigned GET of an asset's object (the bucket is private). */
  'assets.previewUrl': defineCall(
    z.object({ s3Key: AssetFieldsShape.s3Key }),
    z.object({ url: z.url(), expiresAt: z.string() }),
  ),
  /** The cached thumbnail of an image asset (made from the object once when missing), null for others. */
  'assets.thumbnail': defineCall(
    z.object({ assetId: AssetFieldsShape.assetId, s3Key: AssetFieldsShape.s3Key.optional() }),
    z.object({ dataUrl: z.string().nullable() }),
  ),
};

export const UPLOAD_EVENTS = {
  /** Throttled progress of a running job. */
  'uploads.progress': UploadProgressSchema,
  /** A job changed state (journaled first). */
  'uploads.changed': UploadJobSchema,
};
