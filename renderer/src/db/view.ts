import { ENTITY_SCHEMAS, type EntityName } from '@shared/models';
import { isGone, rebasePending, type ServerItem } from '@shared/sync';
import { valuesEqual } from '@shared/values';
import type { LocalItem, OutboxEntry, OutboxState, PilotForceDb } from './schema';

/** Outbox states whose mutations still go to the server, and so show on screen. */
export const ACTIVE_STATES: readonly OutboxState[] = ['pending', 'in-flight'];

export function isActive(entry: OutboxEntry): boolean {
  return ACTIVE_STATES.includes(entry.state);
}

/** The active outbox entries, by the `state` index (to count, or to read and order). */
export function activeOutbox(db: PilotForceDb) {
  return db.outbox.where('state').anyOf(ACTIVE_STATES);
}

/** The item's outbox entries in sequence order (the compound index is ordered by primary key). */
export function entriesOf(db: PilotForceDb, entity: EntityName, key: string): Promise<OutboxEntry[]> {
  return db.outbox.where('[entity+key]').equals([entity, key]).toArray();
}

/**
 * Recomputes what the screen shows for one item: its server copy with the active pending mutations
 * rebased on top (docs/architecture.md, "Rebase on pull"). Mutations the server copy already records are
 * acknowledged and leave the outbox; once the item has no outbox entries left, its base record goes too
 * where the view alone can stand for it (server-copy.ts). Run inside a read-write transaction over the
 * item store, `bases` and `outbox`, so the view, the base and the outbox always change together.
 */
export async function materialize(db: PilotForceDb, entity: EntityName, key: string, nowMs = Date.now()): Promise<void> {
  const record = await db.bases.get([entity, key]);
  const entries = await entriesOf(db, entity, key);
  // No base record and no entries: the view is the server's copy itself, nothing to recompute.
  if (!record && entries.length === 0) return;
  const active = entries.filter(isActive);
  const rebased = rebasePending(record?.item ?? null, active.map((entry) => entry.mutation));
  if (rebased.acknowledged.length > 0) await db.outbox.bulkDelete(rebased.acknowledged);
  const item = rebased.item;
  if (!item || isGone(item, nowMs)) {
    await db.items(entity).delete(key);
    return;
  }
  const view = viewOf(entity, withLocalStamp(item, active[0]));
  await db.items(entity).put(view);
  if (record && entries.length === rebased.acknowledged.length && viewStandsForItem(record.item, view, nowMs)) await db.bases.delete([entity, key]);
}

/**
 * Takes mutations the user dropped out of the outbox (they will never be written) and recomputes the view. An
 * item created on this desk that the server never took (no base record) goes with its last mutation. Run inside a
 * read-write transaction over the item store, `bases` and `outbox`.
 */
export async function dropFromOutbox(db: PilotForceDb, entity: EntityName, key: string, seqs: readonly number[]): Promise<void> {
  const record = await db.bases.get([entity, key]);
  await db.outbox.bulkDelete([...seqs]);
  if (!record && (await entriesOf(db, entity, key)).length === 0) await db.items(entity).delete(key);
  else await materialize(db, entity, key);
}

/** Whether the screen's copy can stand alone for the server's item: the same value, and shown. */
export function viewStandsForItem(item: ServerItem, view: LocalItem | null, nowMs: number): boolean {
  return view !== null && !isGone(item, nowMs) && valuesEqual(view as ServerItem, item);
}

/** A created item not yet on the server has no sync attributes: it sorts by the local time of its creation. */
function withLocalStamp(view: ServerItem, firstPending: OutboxEntry | undefined): ServerItem {
  if (typeof view.updatedAt === 'string') return view;
  return { ...view, updatedAt: firstPending?.createdAt ?? new Date().toISOString() };
}

/**
 * The screen's copy of an item: parsed by its schema so the screens get defaults (version 0, empty
 * tags). A rebased item that no longer parses (a pending edit on top of a changed base) is shown as it
 * is: the server will judge the edit, and the item must not vanish from the screen meanwhile.
 */
export function viewOf<E extends EntityName>(entity: E, item: ServerItem): LocalItem<E> {
  const parsed = ENTITY_SCHEMAS[entity].safeParse(item);
  return (parsed.success ? parsed.data : item) as LocalItem<E>;
}
