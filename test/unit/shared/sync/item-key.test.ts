import { expect, it } from 'vitest';
import { groupByItem, itemKey } from '@shared/sync/item-key';

it('names an item by entity and key, so equal keys of two tables stay apart', () => {
  expect(itemKey({ entity: 'users', key: 'a' })).not.toBe(itemKey({ entity: 'bookings', key: 'a' }));
  expect(itemKey({ entity: 'users', key: 'a' })).toBe(itemKey({ entity: 'users', key: 'a' }));
});

it('groups entries by item, keeping each item\'s order and the order items first appear', () => {
  const entries = [
    { entity: 'users' as const, key: 'u1', seq: 1 },
    { entity: 'bookings' as const, key: 'u1', seq: 2 },
    { entity: 'users' as const, key: 'u1', seq: 3 },
    { entity: 'assets' as const, key: 'a1', seq: 4 },
  ];
  expect(groupByItem(entries).map((group) => group.map((entry) => entry.seq))).toEqual([[1, 3], [2], [4]]);
});
