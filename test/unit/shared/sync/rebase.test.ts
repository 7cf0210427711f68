import { describe, expect, it } from 'vitest';
import type { Mutation, ServerItem } from '@shared/sync/protocol';
import { rebasePending } from '@shared/sync/rebase';

const expected = { version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
const server: ServerItem = { userId: 'u1', name: 'Ann', role: 'staff', version: 2, updatedAt: '2026-01-01T00:01:00.000Z', clientSeq: { me: 1 } };

function rename(seq: number, value: string, base: string): Mutation {
  return { kind: 'update', clientId: 'me', seq, entity: 'users', key: 'u1', updatedBy: 'ann', expected, changes: [{ op: 'set', path: ['name'], value, base }] };
}

describe('rebasePending', () => {
  it('drops what the server already holds, shows the rest on top of the new server item', () => {
    const result = rebasePending(server, [rename(1, 'Ann', 'Anne'), rename(2, 'Annie', 'Ann')]);
    expect(result.acknowledged).toEqual([1]);
    expect(result.pending.map((m) => m.seq)).toEqual([2]);
    expect(result.item).toMatchObject({ name: 'Annie', version: 2 });
    expect(result.predictedConflicts).toEqual([]);
  });

  it('keeps pending changes (local intent shown) and predicts a conflict when the server changed the same field', () => {
    const theirs = { ...server, name: 'Bob', clientSeq: {} };
    const result = rebasePending(theirs, [rename(1, 'Ann B.', 'Ann')]);
    expect(result.item).toMatchObject({ name: 'Ann B.' });
    expect(result.predictedConflicts).toEqual([{ seq: 1, reason: 'fields', paths: [['name']] }]);
  });

  it('a chain of own edits of one field is not a conflict with itself', () => {
    const result = rebasePending({ ...server, clientSeq: {} }, [rename(1, 'B', 'Ann'), rename(2, 'C', 'B')]);
    expect(result.predictedConflicts).toEqual([]);
    expect(result.item).toMatchObject({ name: 'C' });
  });

  it('never resurrects a tombstone locally', () => {
    const tombstone = { userId: 'u1', deleted: true, version: 3, updatedAt: '2026-01-01T00:02:00.000Z' };
    const result = rebasePending(tombstone, [rename(1, 'B', 'Ann')]);
    expect(result.item).toEqual(tombstone);
    expect(result.predictedConflicts).toEqual([{ seq: 1, reason: 'deleted', paths: [] }]);
  });
});
