import type { PilotForceDb } from '@renderer/db/schema';
import { ENTITY_NAMES } from '@shared/models';
import type { ServerItem } from '@shared/sync';

/**
 * What one client holds, keyed `<entity>/<key>`: the server copy it keeps (`bases`, tombstones included)
 * and what its screens show (`views`). Plain records, so a page in Chromium can hand it to Node.
 */
export type ClientCopy = { label: string; bases: Record<string, ServerItem>; views: Record<string, ServerItem> };

export async function copyOfDb(db: PilotForceDb, label: string): Promise<ClientCopy> {
  const bases: ClientCopy['bases'] = {};
  const views: ClientCopy['views'] = {};
  for (const base of await db.bases.toArray()) bases[`${base.entity}/${base.key}`] = base.item;
  for (const entity of ENTITY_NAMES) {
    const keys = await db.items(entity).toCollection().primaryKeys();
    const items = await db.items(entity).bulkGet(keys);
    keys.forEach((key, index) => {
      views[`${entity}/${String(key)}`] = items[index] as unknown as ServerItem;
    });
  }
  return { label, bases, views };
}
