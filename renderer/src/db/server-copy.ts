import type { BulkError } from 'dexie';
import type { EntityName } from '@shared/models';
import { isGone, isNewer, stampOf, type ServerItem } from '@shared/sync';
import type { BaseRecord, LocalItem, PilotForceDb } from './schema';
import { materialize, viewOf, viewStandsForItem } from './view';

/**
 * The one owner of "this client now holds the server's copy of an item" (README.md, "The local database").
 * An item is ONE record where it can be: with no outbox entries, a live item whose screen copy is exactly
 * the server's item is kept only in its entity's store. A base record (`bases`) holds the server's copy
 * where the screen copy cannot stand for it: while the item has outbox entries (their rebase needs it),
 * for tombstones and expired items (never shown, but their key must never come back), and when parsing
 * changes the item (a default filled in). So the server's copy is the base record when there is one, else
 * the view of an item with no outbox entries, else none (never seen, or created here and not acknowledged).
 */

/** The keys among `keys` with any outbox entry (pending or parked): an empty outbox costs one count. */
export async function keysWithEntries(db: PilotForceDb, entity: EntityName, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0 || (await db.outbox.count()) === 0) return new Set();
  const entries = await db.outbox.where('[entity+key]').anyOf(keys.map((key) => [entity, key])).toArray();
  return new Set(entries.map((entry) => entry.key));
}

/** The server's copy of one item as this client holds it (see above), or null. */
export async function serverCopyOf(db: PilotForceDb, entity: EntityName, key: string): Promise<ServerItem | null> {
  const record = await db.bases.get([entity, key]);
  if (record) return record.item;
  if ((await keysWithEntries(db, entity, [key])).size > 0) return null;
  return ((await db.items(entity).get(key)) as ServerItem | undefined) ?? null;
}

/**
 * Before an item's first outbox entry: its server copy, if only its view holds it, gets a base record, so the
 * rebase of the new mutation (and of everything after it) has the exact item to start from.
 */
export async function keepBaseForEdit(db: PilotForceDb, entity: EntityName, key: string): Promise<void> {
  if ((await db.bases.get([entity, key])) || (await keysWithEntries(db, entity, [key])).size > 0) return;
  const view = (await db.items(entity).get(key)) as ServerItem | undefined;
  if (view) await db.bases.put({ entity, key, item: view });
}

/** A server item to accept, with the screen copy parsed from it (null for a tombstone). */
export type AcceptedItem = { key: string; item: ServerItem; view: LocalItem | null };

/** What a push wrote (or a conflict read) as an item to accept, its screen copy by `viewOf`. */
export function acceptedItemOf(entity: EntityName, key: string, item: ServerItem): AcceptedItem {
  return { key, item, view: item.deleted === true ? null : viewOf(entity, item) };
}

/**
 * Accepts server items (a pull or Scan page, or what a push wrote) where they are newer than the copy kept,
 * higher version first (so re-reading an overlap is harmless): an item with no outbox entries becomes its
 * view alone (or view and base record, see above); one with entries gets the new base record and its view
 * rebased with the pending mutations on top (`materialize`); a tombstone removes the view and stays as a
 * base record. Run inside a read-write transaction over the entity's store, `bases` and `outbox`.
 * Returns the keys that changed.
 */
export async function acceptServerItems(db: PilotForceDb, entity: EntityName, accepted: readonly AcceptedItem[], nowMs = Date.now()): Promise<string[]> {
  if (accepted.length === 0) return [];
  const store = db.items(entity);
  const keys = accepted.map(({ key }) => key);
  // A first sync has no base records at all: one count instead of a lookup per item.
  const records = (await db.bases.count()) === 0 ? [] : await db.bases.bulkGet(keys.map((key) => [entity, key] as [EntityName, string]));
  const withEntries = await keysWithEntries(db, entity, keys);
  const viewOnly = new Set(keys.filter((key, i) => !records[i] && !withEntries.has(key)));
  const added = await addWhereAbsent(
    db,
    entity,
    accepted.filter(({ key, item, view }) => viewOnly.has(key) && viewStandsForItem(item, view, nowMs)),
  );
  const lookUp = [...viewOnly].filter((key) => !added.has(key));
  const shown = new Map<string, ServerItem>();
  (await store.bulkGet(lookUp)).forEach((view, i) => {
    if (view) shown.set(lookUp[i] as string, view as ServerItem);
  });

  const putRecords: BaseRecord[] = [];
  const dropRecords: string[] = [];
  const putViews: LocalItem[] = [];
  const dropViews: string[] = [];
  const rebase: string[] = [];
  const changed: string[] = [];
  accepted.forEach(({ key, item, view }, i) => {
    if (added.has(key)) {
      changed.push(key);
      return;
    }
    const record = records[i];
    const current = record?.item ?? (withEntries.has(key) ? null : (shown.get(key) ?? null));
    if (current && !isNewer(stampOf(item), stampOf(current))) return;
    changed.push(key);
    if (withEntries.has(key)) {
      putRecords.push({ entity, key, item });
      rebase.push(key);
    } else if (!view || isGone(item, nowMs)) {
      putRecords.push({ entity, key, item });
      dropViews.push(key);
    } else {
      putViews.push(view);
      if (!viewStandsForItem(item, view, nowMs)) putRecords.push({ entity, key, item });
      else if (record) dropRecords.push(key);
    }
  });
  if (putRecords.length > 0) await db.bases.bulkPut(putRecords);
  if (dropRecords.length > 0) await db.bases.bulkDelete(dropRecords.map((key) => [entity, key] as [EntityName, string]));
  if (putViews.length > 0) await store.bulkPut(putViews);
  if (dropViews.length > 0) await store.bulkDelete(dropViews);
  for (const key of rebase) await materialize(db, entity, key, nowMs);
  return changed;
}

/**
 * Adds the views of items this client does not hold at all (always so on a first sync): one write each and
 * no lookup. A key already held fails its add alone (the others are kept) and is judged by version after.
 * Returns the keys added.
 */
async function addWhereAbsent(db: PilotForceDb, entity: EntityName, standing: readonly AcceptedItem[]): Promise<Set<string>> {
  const added = new Set(standing.map(({ key }) => key));
  try {
    await db.items(entity).bulkAdd(standing.map(({ view }) => view as LocalItem));
  } catch (error) {
    if (!isBulkError(error)) throw error;
    for (const position of Object.keys(error.failuresByPos)) added.delete((standing[Number(position)] as AcceptedItem).key);
  }
  return added;
}

/** Dexie's BulkError, told by name: this module does not load Dexie itself (fake-indexeddb must come first in tests). */
function isBulkError(error: unknown): error is BulkError {
  return error instanceof Error && error.name === 'BulkError' && 'failuresByPos' in error;
}
