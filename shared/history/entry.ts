import { z } from 'zod';
import { IsoInstantSchema } from '../models/sync-attributes';
import { valueAt } from '../sync/changes';
import { EntityNameSchema, FieldPathSchema, type FieldChange, type Mutation, type ServerItem } from '../sync/protocol';
import { DynamoValueSchema, type DynamoValue } from '../values';
import type { EntityName } from '../models';

/**
 * One change of one item, as the history records it (README.md, "History"): written by main in the same
 * DynamoDB transaction as the change itself, so a failed condition records nothing and a write that landed
 * always has its entry; keyed by the write's mutation id, so a retried write records once.
 */
export const HISTORY_SOURCES = ['desk', 'pf', 'backfill', 'reconcile', 'upload', 'restore'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

/**
 * A field's value before and after, each as JSON text of the app's value form (shared/values): a value nested as
 * deep as DynamoDB allows in the item would nest deeper inside the entry, and text can be measured and cut. An absent
 * side: the field was absent (added or removed). A value too long for the entry is left out, its length kept
 * (`oldOmitted`/`newOmitted`): an edit must never fail because of its history.
 */
export const HistoryChangeSchema = z.object({
  path: FieldPathSchema,
  old: z.string().optional(),
  new: z.string().optional(),
  oldOmitted: z.number().int().min(0).optional(),
  newOmitted: z.number().int().min(0).optional(),
});
export type HistoryChange = z.infer<typeof HistoryChangeSchema>;

/** The most value text one entry carries (DynamoDB items hold 400 KB; the entry's own fields and WCU stay small). */
export const ENTRY_VALUE_TEXT_LIMIT = 32_000;
/** A single value longer than this is left out even when the entry has room: a 10,000-character note fits. */
export const VALUE_TEXT_LIMIT = 12_000;

/** A value as the history keeps it. */
export function historyValueText(value: DynamoValue): string {
  return JSON.stringify(value);
}

/** A kept value back in the app's value form; undefined for one left out or unreadable. */
export function historyValue(text: string | undefined): DynamoValue | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = DynamoValueSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export const HistoryEntrySchema = z.object({
  itemKey: z.string().min(1),
  changeId: z.string().min(1),
  entity: EntityNameSchema,
  key: z.string().min(1),
  kind: z.enum(['create', 'update', 'delete']),
  /** The version the write made, and its stamps: the same as the item's after the write. */
  version: z.number().int().min(1),
  updatedAt: IsoInstantSchema,
  updatedBy: z.string(),
  /**
   * The write's id: `clientId:seq` of a desk's mutation (each applies once, by clientSeq, so each has one entry), else
   * `<source>:<the writer's own id>` (the upload's job) or `<source>:<updatedAt>`.
   */
  mutationId: z.string().min(1),
  /** The desk's mutation sequence the write recorded in the item's clientSeq; absent for the ops tools' writes. */
  clientSeq: z.object({ clientId: z.string().min(1), seq: z.number().int().min(1) }).optional(),
  source: z.enum(HISTORY_SOURCES),
  changes: z.array(HistoryChangeSchema),
  /** A delete's entry only: when the tombstone expires (epoch seconds). */
  tombstoneExpiresAt: z.number().int().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** The history table's partition: one per item. */
export function historyItemKey(entity: EntityName, key: string): string {
  return `${entity}#${key}`;
}

/** Sorts by time, then by the write, so a Query newest-first reads the latest changes. */
export function historyChangeId(updatedAt: string, mutationId: string): string {
  return `${updatedAt}#${mutationId}`;
}

export function mutationIdOf(clientId: string, seq: number): string {
  return `${clientId}:${seq}`;
}

export type WriteStamps = { version: number; updatedAt: string; updatedBy: string };

/** One write as the history records it; `current` is the item it was conditioned on, when known. */
export type WriteRecord = {
  entity: EntityName;
  key: string;
  stamps: WriteStamps;
  source: HistorySource;
  /** A desk's mutation; absent for an ops tool's write, which has no client sequence. */
  clientSeq?: { clientId: string; seq: number };
  /** An ops write's own id, kept across its retries, where its time alone may repeat between items (an upload's job id). */
  writeId?: string;
  current?: ServerItem;
  tombstoneExpiresAt?: number;
} & ({ kind: 'create'; item: ServerItem } | { kind: 'update'; changes: readonly FieldChange[] } | { kind: 'delete' });

export function entryForWrite(write: WriteRecord): HistoryEntry {
  const mutationId = write.clientSeq ? mutationIdOf(write.clientSeq.clientId, write.clientSeq.seq) : `${write.source}:${write.writeId ?? write.stamps.updatedAt}`;
  const header = {
    itemKey: historyItemKey(write.entity, write.key),
    changeId: historyChangeId(write.stamps.updatedAt, mutationId),
    entity: write.entity,
    key: write.key,
    ...write.stamps,
    mutationId,
    ...(write.clientSeq ? { clientSeq: write.clientSeq } : {}),
    source: write.source,
  };
  switch (write.kind) {
    case 'create':
      return { ...header, kind: 'create', changes: withinLimits(Object.entries(write.item).map(([name, value]) => ({ path: [name] as [string], new: historyValueText(value) }))) };
    case 'update':
      return { ...header, kind: 'update', changes: withinLimits(write.changes.map((change) => historyChange(change, write.current))) };
    case 'delete':
      return { ...header, kind: 'delete', changes: [], ...(write.tombstoneExpiresAt === undefined ? {} : { tombstoneExpiresAt: write.tombstoneExpiresAt }) };
  }
}

/**
 * The entry of a desk's mutation written as `stamps`. `current` is the item the write was conditioned on when main
 * knows it (a merge, a delete): the old values are read from it; otherwise from the mutation's bases, which
 * the version condition makes exactly the server's.
 */
export function entryForMutation(mutation: Mutation, stamps: WriteStamps, source: HistorySource, current?: ServerItem, tombstoneExpiresAt?: number): HistoryEntry {
  const common = { entity: mutation.entity, key: mutation.key, stamps, source, clientSeq: { clientId: mutation.clientId, seq: mutation.seq }, ...(current ? { current } : {}), ...(tombstoneExpiresAt === undefined ? {} : { tombstoneExpiresAt }) };
  switch (mutation.kind) {
    case 'create':
      return entryForWrite({ ...common, kind: 'create', item: mutation.item });
    case 'update':
      return entryForWrite({ ...common, kind: 'update', changes: mutation.changes });
    case 'delete':
      return entryForWrite({ ...common, kind: 'delete' });
  }
}

function historyChange(change: FieldChange, current: ServerItem | undefined): HistoryChange {
  const old = current ? valueAt(current, change.path) : change.base;
  return { path: change.path, ...(old === undefined ? {} : { old: historyValueText(old) }), ...(change.op === 'set' ? { new: historyValueText(change.value) } : {}) };
}

/** Leaves out values too long for the entry, longest first, until the entry's value text fits. */
function withinLimits(changes: HistoryChange[]): HistoryChange[] {
  const sides = changes.flatMap((change, i) => (['old', 'new'] as const).flatMap((side) => (change[side] === undefined ? [] : [{ i, side, length: (change[side] as string).length }])));
  let total = sides.reduce((sum, side) => sum + side.length, 0);
  const result = changes.map((change) => ({ ...change }));
  for (const side of sides.sort((a, b) => b.length - a.length)) {
    if (side.length <= VALUE_TEXT_LIMIT && total <= ENTRY_VALUE_TEXT_LIMIT) break;
    const change = result[side.i] as HistoryChange;
    delete change[side.side];
    change[side.side === 'old' ? 'oldOmitted' : 'newOmitted'] = side.length;
    total -= side.length;
  }
  return result;
}
