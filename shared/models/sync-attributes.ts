import { z } from 'zod';
import { DynamoValueSchema } from '../values';

/** ISO-8601 instant as the seed writes it (`2023-07-15T10:15:00Z`, milliseconds optional). */
export const IsoInstantSchema = z.iso.datetime({ offset: true });

/**
 * Attributes written only by the sync engine (README.md, "Data model"). Items written by other tools
 * before they were adopted lack `version` and `syncBucket`: version 0 means "never written by the app".
 */
export const SyncAttributesShape = {
  version: z.number().int().min(0).default(0),
  updatedAt: IsoInstantSchema,
  clientSeq: z.record(z.string(), z.number().int().min(0)).default({}),
  updatedBy: z.string().optional(),
  syncBucket: z.number().int().min(0).optional(),
  deleted: z.boolean().optional(),
  /** Epoch seconds after which DynamoDB TTL may delete a tombstone. */
  expiresAt: z.number().int().optional(),
};

export const SYNC_ATTRIBUTE_NAMES = Object.keys(SyncAttributesShape) as Array<keyof typeof SyncAttributesShape>;

/** Unknown attributes are kept as they are, in the exact form of shared/values. */
export const unknownAttributes = DynamoValueSchema;
