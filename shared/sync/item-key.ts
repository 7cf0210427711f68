import type { EntityName } from '../models';

type ItemRef = { entity: EntityName; key: string };

/** One item's identity across the tables (NUL never occurs in an entity name). */
export function itemKey(item: ItemRef): string {
  return `${item.entity}\u0000${item.key}`;
}

/** The entries of each item together, in their order; items in the order they first appear. */
export function groupByItem<T extends ItemRef>(entries: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    const id = itemKey(entry);
    const group = groups.get(id) ?? [];
    group.push(entry);
    groups.set(id, group);
  }
  return [...groups.values()];
}
