import type { PilotForceDb } from '@renderer/db/schema';
import { ENTITY_NAMES } from '@shared/models';
import { itemKey, type ServerItem } from '@shared/sync';

/**
 * What one client holds, keyed `<entity>/<key>`: the server copy it keeps (its base record, tombstones
 * included, else the view of an item with no outbox entries: renderer/src/db/server-copy.ts) and what its
 * screens show (`views`). Plain records, so a page in Chromium can hand it to Node.
 */
export type ClientCopy = { label: string; bases: Record<string, ServerItem>; views: Record<string, ServerItem> };

export async function copyOfDb(db: PilotForceDb, label: string): Promise<ClientCopy> {
  const bases: ClientCopy['bases'] = {};
  const views: ClientCopy['views'] = {};
  const withRecord = new Set<string>();
  for (const base of await db.bases.toArray()) {
    bases[`${base.entity}/${base.key}`] = base.item;
    withRecord.add(itemKey(base));
  }
  const withEntries = new Set((await db.outbox.toArray()).map(itemKey));
  for (const entity of ENTITY_NAMES) {
    const keys = await db.items(entity).toCollection().primaryKeys();
    const items = await db.items(entity).bulkGet(keys);
    keys.forEach((key, index) => {
      const view = items[index] as unknown as ServerItem;
      const id = itemKey({ entity, key: String(key) });
      views[`${entity}/${String(key)}`] = view;
      if (!withRecord.has(id) && !withEntries.has(id)) bases[`${entity}/${String(key)}`] = view;
    });
  }
  return { label, bases, views };
}
