import type { EntityName } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import type { QuarantinedItem, ServerItem } from '@shared/sync';
import { keyAttribute } from '@shared/tables';
import type { LocalItem, PilotForceDb } from '../db/schema';
import { acceptServerItems, type AcceptedItem } from '../db/server-copy';

type Checked = ({ fit: true } & AcceptedItem) | { fit: false; key: string; reason: string };

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
  /** A full resync's run: marks every item it reads, so the end of the run can tell which items are gone. */
  scanRun?: string;
  nowMs?: number;
};

/**
 * Applies one page of server items in ONE transaction (`acceptServerItems`: newer wins, pending mutations
 * rebased on top, tombstones kept so an older live copy never comes back). An item that does not fit the
 * schema is quarantined with its reason; the rest still apply. Returns how many items changed.
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
  return db.transaction('rw', [db.items(entity), db.bases, db.outbox, db.quarantine, db.checkpoints, db.scanMarks], async () => {
    const toQuarantine = [...quarantined];
    const fit: AcceptedItem[] = [];
    for (const item of items) {
      const checked = check(entity, item);
      if (checked.fit) fit.push(checked);
      else toQuarantine.push({ key: checked.key, reason: checked.reason, item });
    }
    const changed = await acceptServerItems(db, entity, fit, nowMs);
    if (options.scanRun) {
      const runId = options.scanRun;
      await db.scanMarks.bulkPut(fit.map(({ key }) => ({ entity, key, runId })));
    }
    // An empty quarantine (the usual case, and always on a first sync) costs one count, not a delete per item.
    if ((await db.quarantine.count()) > 0) await db.quarantine.bulkDelete(fit.map(({ key }) => [entity, key] as [EntityName, string]));
    if (toQuarantine.length > 0) await db.quarantine.bulkPut(toQuarantine.map(({ key, reason, item }) => ({ entity, key, reason, item, at })));
    await options.alsoWrite?.();
    return changed.length;
  });
}
