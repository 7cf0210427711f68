import { describe, expect, it } from 'vitest';
import { ENTRY_VALUE_TEXT_LIMIT, entryForMutation, historyValue, VALUE_TEXT_LIMIT } from '@shared/history/entry';
import type { Mutation } from '@shared/sync';

const stamps = { version: 4, updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'Sam Staff' };
const header = { clientId: 'desk-1', seq: 7, entity: 'bookings' as const, key: 'bk-1', updatedBy: 'Sam Staff' };
const update = (changes: Extract<Mutation, { kind: 'update' }>['changes']): Mutation => ({ ...header, kind: 'update', expected: { version: 3, updatedAt: '2026-12-01T09:00:00.000Z' }, changes });

describe('a history entry', () => {
  it('names the write (mutation id, stamps) and each field old -> new, from the bases or from the item it was written on', () => {
    const mutation = update([
      { op: 'set', path: ['status'], value: 'confirmed', base: 'pending' },
      { op: 'set', path: ['details', 'notes'], value: 'Circuits' },
      { op: 'remove', path: ['details', 'aircraft'], base: 'G-ABCD' },
    ]);
    const entry = entryForMutation(mutation, stamps, 'desk');
    expect(entry).toMatchObject({ itemKey: 'bookings#bk-1', changeId: '2026-12-01T10:00:00.000Z#desk-1:7', mutationId: 'desk-1:7', kind: 'update', version: 4, source: 'desk' });
    expect(entry.changes).toEqual([
      { path: ['status'], old: '"pending"', new: '"confirmed"' },
      { path: ['details', 'notes'], new: '"Circuits"' },
      { path: ['details', 'aircraft'], old: '"G-ABCD"' },
    ]);
    // Written on top of another change (a merge): the old values are the item's then, not the bases.
    const merged = entryForMutation(mutation, stamps, 'desk', { bookingId: 'bk-1', status: 'pending', details: { notes: 'x', aircraft: 'G-ABCD' } });
    expect(merged.changes[1]).toEqual({ path: ['details', 'notes'], old: '"x"', new: '"Circuits"' });
  });

  it('keeps exact numbers, sets and deep values as text, so its own nesting never passes DynamoDB\'s 32 levels', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 30; i++) deep = { inner: deep };
    const entry = entryForMutation(update([{ op: 'set', path: ['details'], value: { amount: { $n: '12345678901234567890.12' }, tags: { $ss: ['a'] }, deep } as never }]), stamps, 'desk');
    expect(typeof entry.changes[0]?.new).toBe('string');
    expect(historyValue(entry.changes[0]?.new)).toEqual({ amount: { $n: '12345678901234567890.12' }, tags: { $ss: ['a'] }, deep });
  });

  it('leaves out values too long for it, keeping their length, so an edit never fails because of its history', () => {
    const note = 'n'.repeat(10_000);
    const huge = 'h'.repeat(VALUE_TEXT_LIMIT + 10);
    const entry = entryForMutation(
      update([
        { op: 'set', path: ['details', 'notes'], value: note, base: 'short' },
        { op: 'set', path: ['details', 'huge'], value: huge },
      ]),
      stamps,
      'desk',
    );
    expect(entry.changes[0]).toEqual({ path: ['details', 'notes'], old: '"short"', new: JSON.stringify(note) });
    expect(entry.changes[1]).toEqual({ path: ['details', 'huge'], newOmitted: huge.length + 2 });
    // Many fields that each fit, but not together: the longest are left out until the entry fits.
    const many = entryForMutation(update(Array.from({ length: 8 }, (_, i) => ({ op: 'set' as const, path: [`f${i}`] as [string], value: 'x'.repeat(7_000 + i) }))), stamps, 'desk');
    const kept = many.changes.reduce((sum, change) => sum + (change.new?.length ?? 0), 0);
    expect(kept).toBeLessThanOrEqual(ENTRY_VALUE_TEXT_LIMIT);
    expect(many.changes.filter((change) => change.newOmitted !== undefined).map((change) => change.path[0])).toEqual(['f4', 'f5', 'f6', 'f7']);
  });

  it('records a create with its fields and a delete with its tombstone expiry', () => {
    const create = entryForMutation({ ...header, kind: 'create', item: { bookingId: 'bk-1', status: 'pending' } }, { ...stamps, version: 1 }, 'desk');
    expect(create).toMatchObject({ kind: 'create', version: 1, changes: [{ path: ['bookingId'], new: '"bk-1"' }, { path: ['status'], new: '"pending"' }] });
    const remove = entryForMutation({ ...header, kind: 'delete', expected: { version: 3, updatedAt: 'x' } }, stamps, 'desk', { bookingId: 'bk-1' }, 1_767_000_000);
    expect(remove).toMatchObject({ kind: 'delete', changes: [], tombstoneExpiresAt: 1_767_000_000 });
  });

  it('reads back no value from text that is not a stored value', () => {
    expect(historyValue('{"__proto__": 1')).toBeUndefined();
    expect(historyValue(undefined)).toBeUndefined();
    expect(historyValue('{"$n": "1.5"}')).toEqual({ $n: '1.5' });
  });
});
