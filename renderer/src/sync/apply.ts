import type { EntityName } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import { isGone, isNewer, stampOf, type QuarantinedItem, type ServerItem } from '@shared/sync';
import { keyAttribute } from '@shared/tables';
import type { BaseRecord, LocalItem, PilotForceDb } from '../db/schema';
import { materialize } from '../db/view';

/** Stores a server item as the item's base when it is newer than the one kept (higher version wins). */
export async function putBaseIfNewer(db: PilotForceDb, entity: EntityName, key: string, item: ServerItem): Promise<boolean> {
  const base = await db.bases.get([entity, key]);
  if (base && !isNewer(stampOf(item), stampOf(base.item))) return false;
  await db.bases.put({ entity, key, item, ...(base?.scanRun ? { scanRun: base.scanRun } : {}) });
  return true;
}

type Checked = { fit: true; key: string; item: ServerItem; view: LocalItem | null } | { fit: false; key: string; reason: string };

/** Checks a server item against its schema; a tombstone keeps only its key and sync attributes. */
function check(entity: EntityName, item: ServerItem): Checked {
  const key = item[keyAttribute(entity)];
  if (typeof key !== 'string') return { fit: false, key: '', reason: `no ${keyAttribute(entity)}` };
  if (item.deleted === true) return { fit: true, key, item, view: null };
  const checked = validateItem(entity, item);
  return checked.ok ? { fit: true, key, item, view: checked.item as LocalItem } : { fit: false, key, reason: checked.reason };
}

export type ApplyOptions = {
  /** Written in the same transaction as the items: a page and its checkpoint land together. */
  alsoWrite?: () => Promise<unknown>;
  /** A Scan run: marks every base it reads, so a full resync can tell which items are gone. */
  scanRun?: string;
  nowMs?: number;
};

/**
 * Applies one page of server items in ONE transaction: each becomes the item's base when it is newer
 * (so re-reading the overlap is harmless), the screen's view is recomputed with pending mutations
 * rebased on top, tombstones remove the item and, being kept as bases, never let an older live copy
 * back. An item that does not fit the schema is quarantined with its reason; the rest still apply.
 * Returns how many items changed.
 */
export async function applyServerItems(
  db: PilotForceDb,
  entity: EntityName,
  items: readonly ServerItem[],
  quarantined: readonly QuarantinedItem[],
  options: ApplyOptions = {},
): Promise<number> {
  const nowMs = options.nowMs ?? Date.now();
  const at = new Date(nowMs).toISOString();
  const store = db.items(entity);
  return db.transaction('rw', [store, db.bases, db.outbox, db.quarantine, db.checkpoints], async () => {
    const toQuarantine = [...quarantined];
    const fit: Array<Extract<Checked, { fit: true }>> = [];
    for (const item of items) {
      const checked = check(entity, item);
      if (checked.fit) fit.push(checked);
      else toQuarantine.push({ key: checked.key, reason: checked.reason, item });
    }
    const bases = await db.bases.bulkGet(fit.map(({ key }) => [entity, key] as [EntityName, string]));
    // An empty outbox or quarantine (the usual case, and always on a first sync) costs one count, not a lookup per item.
    const pending = (await db.outbox.count()) === 0 ? [] : await db.outbox.where('[entity+key]').anyOf(fit.map(({ key }) => [entity, key])).toArray();
    const withPending = new Set(pending.map((entry) => entry.key));
    const newBases: BaseRecord[] = [];
    const rebase: string[] = [];
    const views: Array<LocalItem> = [];
    const gone: string[] = [];
    let changed = 0;
    fit.forEach(({ key, item, view }, i) => {
      const base = bases[i];
      const newer = !base || isNewer(stampOf(item), stampOf(base.item));
      if (!newer) {
        if (options.scanRun && base) newBases.push({ ...base, scanRun: options.scanRun });
        return;
      }
      changed += 1;
      newBases.push({ entity, key, item, ...(options.scanRun ? { scanRun: options.scanRun } : {}) });
      if (withPending.has(key)) rebase.push(key);
      else if (!view || isGone(item, nowMs)) gone.push(key);
      else views.push(view);
    });
    await db.bases.bulkPut(newBases);
    await store.bulkPut(views);
    if (gone.length > 0) await store.bulkDelete(gone);
    for (const key of rebase) await materialize(db, entity, key, nowMs);
    if ((await db.quarantine.count()) > 0) await db.quarantine.bulkDelete(fit.map(({ key }) => [entity, key] as [EntityName, string]));
    if (toQuarantine.length > 0) await db.quarantine.bulkPut(toQuarantine.map(({ key, reason, item }) => ({ entity, key, reason, item, at })));
    await options.alsoWrite?.();
    return changed;
  });
}
