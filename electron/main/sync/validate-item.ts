import type { EntityName } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import type { QuarantinedItem, ServerItem } from '@shared/sync/protocol';
import { isGone } from '@shared/sync/versions';
import { keyAttribute } from '@shared/tables';
import { DynamoValueSchema } from '@shared/values';
import { fromSdkItem } from '../aws/clients';

export type CheckedPage = { items: ServerItem[]; quarantined: QuarantinedItem[] };

/**
 * Items read from DynamoDB, checked one by one (electron/main/sync/README.md, "Pull"): one that does not fit its
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
      const tombstone = showable(item);
      items.push(tombstone.deleted === true ? tombstone : { ...tombstone, deleted: true });
      continue;
    }
    const result = validateItem(entity, item);
    if (result.ok) items.push(item);
    else quarantined.push({ key, reason: result.reason, item: showable(item) });
  }
  return { items, quarantined };
}

/**
 * The item as it can travel to the renderer: an attribute the app's value form cannot carry (a map
 * `{ "$ss": [] }` written by another tool looks like a broken set) is replaced by a note, so one odd
 * item can never fail the whole page's answer and stop the sync.
 */
function showable(item: ServerItem): ServerItem {
  return Object.fromEntries(
    Object.entries(item).map(([name, value]) => [name, DynamoValueSchema.safeParse(value).success ? value : '(a value the app cannot show)']),
  );
}
