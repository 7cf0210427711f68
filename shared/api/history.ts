import { z } from 'zod';
import { HistoryChangeSchema, HistoryEntrySchema } from '../history/entry';
import { IsoInstantSchema } from '../models/sync-attributes';
import { EntityNameSchema } from '../sync/protocol';
import { defineCall } from './define';

/** How many of an item's latest changes a page shows; the table keeps more. */
export const HISTORY_PAGE_SIZE = 100;

/**
 * A change another tool made (it sets fields without the app's transaction): found where the item no longer
 * matches the app's newest entry, with the fields that differ when the item's whole history is known.
 */
export const OutsideChangeSchema = z.object({
  /** The version the app last wrote (0: none it knows of) and the one the item is at now. */
  afterVersion: z.number().int().min(0),
  version: z.number().int().min(0),
  updatedAt: z.string(),
  /** Null: the fields cannot be told (the app's history of the item is incomplete). */
  changes: z.array(HistoryChangeSchema).nullable(),
});
export type OutsideChange = z.infer<typeof OutsideChangeSchema>;

export const HistoryPageSchema = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntrySchema),
  outside: OutsideChangeSchema.nullable(),
  /** False when older changes exist beyond this page. */
  complete: z.boolean(),
  readAt: IsoInstantSchema,
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const HISTORY_CALLS = {
  /** An item's latest changes, read from the history table (online only; the renderer keeps the last page it read). */
  'history.list': defineCall(z.object({ entity: EntityNameSchema, key: z.string().min(1).max(1024) }), HistoryPageSchema),
};
