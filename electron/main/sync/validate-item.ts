import type { EntityName } from '../../../shared/models';
import { validateItem } from '../../../shared/models/validate';
import type { QuarantinedItem, ServerItem } from '../../../shared/sync/protocol';
import { isGone } from '../../../shared/sync/versions';
import { keyAttribute } from '../../../shared/tables';
import { fromSdkItem } from '../aws/clients';

export type CheckedPage = { items: ServerItem[]; quarantined: QuarantinedItem[] };

/**
 * Items read from DynamoDB, checked one by one (DESIGN.md, "Numbers"): one that does not fit its
 * schema is quarantined with its reason and the rest go on. Items go out as the server holds them
 * (no defaults added), except that an expired one is marked deleted: TTL may not have removed it yet.
 */
export function checkItems(entity: EntityName, rawItems: ReadonlyArray<Record<string, unknown>>, nowMs: number): CheckedPage {
  const items: ServerItem[] = [];
  const quarantined: QuarantinedItem[] = [];
  const keyName = keyAttribute(entity);
  for (const raw of rawItems) {
    let item: ServerItem;
    try {
      item = fromSdkItem(raw);
    } catch (error) {
      quarantined.push({ key: String(raw[keyName] ?? ''), reason: (error as Error).message, item: {} });
      continue;
    }
    const key = typeof item[keyName] === 'string' ? item[keyName] : '';
    if (isGone(item, nowMs)) {
      // A tombstone holds only its key and sync attributes: nothing else to check.
      items.push(item.deleted === true ? item : { ...item, deleted: true });
      continue;
    }
    const result = validateItem(entity, item);
    if (result.ok) items.push(item);
    else quarantined.push({ key, reason: result.reason, item });
  }
  return { items, quarantined };
}
