import { describe, expect, it } from 'vitest';
import { rejectionReason } from '@main/sync/validate-mutation';
import type { FieldChange, Mutation } from '@shared/sync/protocol';

const now = '2026-06-01T10:00:00.000Z';
const header = { clientId: 'c', seq: 1, updatedBy: 'ann' };
const expected = { version: 2, updatedAt: now };
const updateBooking = (...changes: FieldChange[]): Mutation => ({ ...header, kind: 'update', entity: 'bookings', key: 'b1', expected, changes });
const updateUser = (...changes: FieldChange[]): Mutation => ({ ...header, kind: 'update', entity: 'users', key: 'u1', expected, changes });
const user = { email: 'ann@example.com', name: 'Ann', role: 'staff', createdAt: now };
const asset = { assetType: 'image', fileName: 'x.png', s3Key: 'users/u1/a1/x.png', mimeType: 'image/png', size: 10, userId: 'u1', createdAt: now };
const updateAsset = (...changes: FieldChange[]): Mutation => ({ ...header, kind: 'update', entity: 'assets', key: 'a1', expected, changes });

describe('rejectionReason', () => {
  it('accepts valid changes, including unmodelled attributes and keys of open maps', () => {
    expect(rejectionReason(updateBooking({ op: 'set', path: ['status'], value: 'confirmed' }), now)).toBeNull();
    expect(rejectionReason(updateBooking({ op: 'set', path: ['details', 'weather'], value: 'CAVOK' }), now)).toBeNull();
    expect(rejectionReason(updateBooking({ op: 'set', path: ['legacyField'], value: { any: ['thing'] } }), now)).toBeNull();
    expect(rejectionReason({ ...header, kind: 'create', entity: 'users', key: 'u1', item: user }, now)).toBeNull();
  });

  it('names the field and the rule that failed', () => {
    expect(rejectionReason(updateBooking({ op: 'set', path: ['details', 'notes'], value: 'x'.repeat(10_001) }), now)).toMatch(/^details\.notes: /);
    expect(rejectionReason(updateUser({ op: 'remove', path: ['email'] }), now)).toBe('email is required');
    expect(rejectionReason(updateUser({ op: 'set', path: ['version'], value: 9 }), now)).toBe('version is written by the sync engine only');
    expect(rejectionReason(updateUser({ op: 'set', path: ['userId'], value: 'u2' }), now)).toBe('userId is written by the sync engine only');
  });

  it('a map with required keys changes as a whole, so it is never left incomplete', () => {
    expect(rejectionReason(updateBooking({ op: 'set', path: ['cancellation', 'reason'], value: 'weather' }), now)).toMatch(/cancellation is changed as a whole/);
    expect(rejectionReason(updateBooking({ op: 'set', path: ['cancellation'], value: { reason: 'weather', by: 'ann', at: now } }), now)).toBeNull();
  });

  it('checks a create as a whole item, with its key', () => {
    expect(rejectionReason({ ...header, kind: 'create', entity: 'users', key: 'u1', item: { ...user, userId: 'u2' } }, now)).toBe("userId must equal the mutation's key");
    expect(rejectionReason({ ...header, kind: 'create', entity: 'users', key: 'u1', item: { ...user, email: 'nope' } }, now)).toMatch(/email/);
    expect(rejectionReason({ ...header, kind: 'create', entity: 'users', key: 'u1', item: { ...user, clientSeq: {} } }, now)).toBe('clientSeq is written by the sync engine only');
  });

  it('an asset is created with a MIME type that fits its type, and no update changes either', () => {
    expect(rejectionReason({ ...header, kind: 'create', entity: 'assets', key: 'a1', item: asset }, now)).toBeNull();
    expect(rejectionReason({ ...header, kind: 'create', entity: 'assets', key: 'a1', item: { ...asset, mimeType: 'text/html' } }, now)).toMatch(/^mimeType: An image asset is .*, not text\/html\.$/);
    expect(rejectionReason(updateAsset({ op: 'set', path: ['mimeType'], value: 'text/html' }), now)).toBe("mimeType is the uploaded file's and cannot be edited; upload the file again");
    // Even a pair that fits: the object in S3 keeps the type it was uploaded with.
    expect(rejectionReason(updateAsset({ op: 'set', path: ['assetType'], value: 'document' }, { op: 'set', path: ['mimeType'], value: 'application/pdf' }), now)).toMatch(/^assetType is the uploaded file's/);
    expect(rejectionReason(updateAsset({ op: 'set', path: ['tags'], value: ['runway'] }), now)).toBeNull();
  });
});
