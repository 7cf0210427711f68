import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '@shared/sync/protocol';
import { type VersionStamp, appliedSeqOf, isGone, isNewer, retargetAfterWrite } from '@shared/sync/versions';

const stamp = fc.record({
  version: fc.integer({ min: 0, max: 5 }),
  updatedAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.500Z', '2026-01-01T00:00:01.000Z'),
  deleted: fc.boolean(),
});

describe('isNewer', () => {
  it('the higher version wins, and a seed-style write (same version, later updatedAt) is newer', () => {
    expect(isNewer({ version: 2, updatedAt: '2026-01-01T00:00:00Z', deleted: false }, { version: 1, updatedAt: '2027-01-01T00:00:00Z', deleted: false })).toBe(true);
    expect(isNewer({ version: 1, updatedAt: '2026-01-01T00:00:01Z', deleted: false }, { version: 1, updatedAt: '2026-01-01T00:00:00.500Z', deleted: false })).toBe(true);
  });

  it('property: a tombstone is never replaced by a live copy', () => {
    fc.assert(
      fc.property(stamp, stamp, (incoming, local) => {
        if (local.deleted && !incoming.deleted) expect(isNewer(incoming, local)).toBe(false);
      }),
    );
  });

  it('property: applying is idempotent: re-reading the same changes keeps the same copy', () => {
    fc.assert(
      fc.property(fc.array(stamp, { minLength: 1, maxLength: 8 }), (stamps) => {
        const apply = (list: VersionStamp[]) => list.reduce<VersionStamp | null>((local, next) => (isNewer(next, local) ? next : local), null);
        const once = apply(stamps);
        // Re-reading the same changes (the overlap) changes nothing.
        expect(apply([...stamps, ...stamps])).toEqual(once);
        expect(isNewer(once as VersionStamp, once)).toBe(false);
      }),
    );
  });
});

describe('appliedSeqOf and isGone', () => {
  it('reads the per-client sequence, 0 when absent', () => {
    expect(appliedSeqOf({ clientSeq: { a: 4 } }, 'a')).toBe(4);
    expect(appliedSeqOf({ clientSeq: { a: 4 } }, 'b')).toBe(0);
    expect(appliedSeqOf(null, 'a')).toBe(0);
  });

  it('treats a tombstone and an item past expiresAt as gone', () => {
    expect(isGone({ deleted: true }, 0)).toBe(true);
    expect(isGone({ expiresAt: 100 }, 100_000)).toBe(true);
    expect(isGone({ expiresAt: 101 }, 100_000)).toBe(false);
  });
});

describe('retargetAfterWrite', () => {
  const ids = { clientId: 'c1', entity: 'users' as const, key: 'u1', updatedBy: 'alice' };
  const v1 = { version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
  const v2 = { version: 2, updatedAt: '2026-01-01T00:00:01.000Z' };
  const update = (seq: number, expected: typeof v1): Mutation => ({ ...ids, seq, kind: 'update', expected, changes: [{ op: 'set', path: ['name'], value: `n${seq}` }] });
  const noVersion = { version: 0, updatedAt: '1970-01-01T00:00:00.000Z' };

  it('moves a later mutation made on the same version to the written version', () => {
    expect(retargetAfterWrite(update(1, v1), v2, update(2, v1))).toEqual(update(2, v2));
    expect(retargetAfterWrite({ ...ids, seq: 1, kind: 'create', item: { userId: 'u1' } }, v1, update(2, noVersion))).toEqual(update(2, v1));
  });

  it('leaves a mutation made on another version, and a create, as they are', () => {
    const later = update(2, v2);
    expect(retargetAfterWrite(update(1, v1), { version: 3, updatedAt: '2026-01-01T00:00:02.000Z' }, later)).toBe(later);
    const create: Mutation = { ...ids, seq: 2, kind: 'create', item: { userId: 'u1' } };
    expect(retargetAfterWrite(update(1, v1), v2, create)).toBe(create);
  });
});
