import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '@shared/sync/changes';
import { classifyFailedWrite, conflictingPaths } from '@shared/sync/classify';
import type { FieldChange, Mutation, ServerItem } from '@shared/sync/protocol';

const base: ServerItem = {
  bookingId: 'b1',
  status: 'pending',
  bookingTime: '10:00',
  details: { notes: 'first', duration: 60 },
  version: 3,
  updatedAt: '2026-01-01T10:00:00.000Z',
  clientSeq: { other: 7 },
};

function update(changes: FieldChange[], seq = 5): Mutation {
  return {
    kind: 'update',
    clientId: 'me',
    seq,
    entity: 'bookings',
    key: 'b1',
    updatedBy: 'ann',
    expected: { version: 3, updatedAt: base.updatedAt as string },
    changes,
  };
}

const setStatus: FieldChange = { op: 'set', path: ['status'], value: 'confirmed', base: 'pending' };

describe('classifyFailedWrite', () => {
  it('sees its own sequence on the item as already applied, even after another client wrote on top', () => {
    const current = { ...base, status: 'cancelled', version: 5, clientSeq: { me: 5, other: 8 } };
    expect(classifyFailedWrite(update([setStatus], 5), current)).toEqual({ kind: 'alreadyApplied' });
    expect(classifyFailedWrite(update([setStatus], 4), current)).toEqual({ kind: 'alreadyApplied' });
    expect(classifyFailedWrite(update([setStatus], 6), current).kind).toBe('conflict');
  });

  it('merges when another writer changed only other fields, including another key of the same map', () => {
    const current = { ...base, version: 4, bookingTime: '11:00', details: { notes: 'first', duration: 90 } };
    const notes: FieldChange = { op: 'set', path: ['details', 'notes'], value: 'second', base: 'first' };
    expect(classifyFailedWrite(update([setStatus, notes]), current)).toEqual({ kind: 'merge' });
  });

  it('is a conflict on the field both sides changed differently, naming only that path', () => {
    const current = { ...base, version: 4, status: 'cancelled', bookingTime: '11:00' };
    const time: FieldChange = { op: 'set', path: ['bookingTime'], value: '11:00', base: '10:00' };
    expect(classifyFailedWrite(update([setStatus, time]), current)).toEqual({
      kind: 'conflict',
      reason: 'fields',
      paths: [['status']],
    });
  });

  it('never lets an update resurrect a tombstone or recreate a missing item', () => {
    expect(classifyFailedWrite(update([setStatus]), { bookingId: 'b1', deleted: true, version: 4, updatedAt: 'x' })).toMatchObject({
      kind: 'conflict',
      reason: 'deleted',
    });
    expect(classifyFailedWrite(update([setStatus]), null)).toMatchObject({ kind: 'conflict', reason: 'missing' });
  });

  it('a create finding the key taken is a conflict unless it was this client', () => {
    const create: Mutation = { kind: 'create', clientId: 'me', seq: 9, entity: 'bookings', key: 'b1', updatedBy: 'ann', item: {} };
    expect(classifyFailedWrite(create, base)).toMatchObject({ kind: 'conflict', reason: 'exists' });
    expect(classifyFailedWrite(create, { ...base, clientSeq: { me: 9 } })).toEqual({ kind: 'alreadyApplied' });
  });

  it('a delete over a change the user has not seen is a conflict; over a tombstone it already holds', () => {
    const del: Mutation = { kind: 'delete', clientId: 'me', seq: 9, entity: 'bookings', key: 'b1', updatedBy: 'ann', expected: { version: 3, updatedAt: base.updatedAt as string } };
    expect(classifyFailedWrite(del, { ...base, version: 4 })).toMatchObject({ kind: 'conflict', reason: 'changed' });
    expect(classifyFailedWrite(del, { ...base, version: 4, deleted: true })).toEqual({ kind: 'alreadyDeleted' });
  });

  it('property: a change is in conflict exactly when the server differs from both base and mine', () => {
    const value = fc.constantFrom('a', 'b', 'c', undefined);
    fc.assert(
      fc.property(value, value, value, (baseValue, mine, server) => {
        const change: FieldChange =
          mine === undefined ? { op: 'remove', path: ['f'], base: baseValue } : { op: 'set', path: ['f'], value: mine, base: baseValue };
        const current: ServerItem = server === undefined ? {} : { f: server };
        const conflict = conflictingPaths([change], current).length > 0;
        expect(conflict).toBe(server !== baseValue && server !== mine);
      }),
    );
  });

  it('property: a merge re-applied on top keeps every field the other writer changed', () => {
    const fields = ['a', 'b', 'c', 'd'] as const;
    fc.assert(
      fc.property(fc.subarray([...fields]), fc.subarray([...fields]), (mineFields, theirFields) => {
        const start: ServerItem = Object.fromEntries(fields.map((f) => [f, 'base']));
        const theirs = applyChanges(start, theirFields.map((f) => ({ op: 'set', path: [f], value: 'theirs', base: 'base' })));
        const changes: FieldChange[] = mineFields.map((f) => ({ op: 'set', path: [f], value: 'mine', base: 'base' }));
        const verdict = classifyFailedWrite(update(changes.length ? changes : [setStatus]), theirs);
        const overlap = mineFields.some((f) => (theirFields as string[]).includes(f));
        if (changes.length === 0) return;
        expect(verdict.kind).toBe(overlap ? 'conflict' : 'merge');
        if (verdict.kind === 'merge') {
          const merged = applyChanges(theirs, changes);
          for (const f of theirFields) expect(merged[f]).toBe('theirs');
          for (const f of mineFields) expect(merged[f]).toBe('mine');
        }
      }),
    );
  });
});

describe('applyChanges', () => {
  it('creates a missing parent map for a nested set, and ignores a nested remove under no map', () => {
    expect(applyChanges({ id: 'x' }, [{ op: 'set', path: ['details', 'notes'], value: 'n' }])).toEqual({ id: 'x', details: { notes: 'n' } });
    expect(applyChanges({ id: 'x' }, [{ op: 'remove', path: ['details', 'notes'] }])).toEqual({ id: 'x' });
    expect(applyChanges({ id: 'x', details: { a: 1, b: 2 } }, [{ op: 'remove', path: ['details', 'a'] }])).toEqual({ id: 'x', details: { b: 2 } });
  });

  it('does not modify its input', () => {
    const item = { id: 'x', details: { a: 1 } };
    applyChanges(item, [{ op: 'set', path: ['details', 'a'], value: 2 }]);
    expect(item).toEqual({ id: 'x', details: { a: 1 } });
  });
});

describe('paths named like members of Object.prototype', () => {
  it('an item without such a field has no value there: no conflict is made up from an inherited member', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(conflictingPaths([{ op: 'set', path: [name], value: 'x' }], base), name).toEqual([]);
      expect(conflictingPaths([{ op: 'set', path: ['details', name], value: 'x' }], base), name).toEqual([]);
    }
  });

  it('applying them sets own fields and never touches a prototype', () => {
    const next = applyChanges(base, [
      { op: 'set', path: ['__proto__'], value: { polluted: true } },
      { op: 'set', path: ['details', '__proto__'], value: { polluted: true } },
      { op: 'set', path: ['constructor'], value: 'c' },
      { op: 'set', path: ['toString', 'prototype'], value: 1 },
    ]);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(next.details)).toBe(Object.prototype);
    expect(Object.hasOwn(next, '__proto__') && Object.hasOwn(next.details as object, '__proto__')).toBe(true);
    expect((next as Record<string, unknown>).polluted).toBeUndefined();
    expect(next.constructor).toBe('c');
    expect(next.toString).toEqual({ prototype: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
