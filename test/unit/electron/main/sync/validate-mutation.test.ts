import { describe, expect, it } from 'vitest';
import { rejectionReason } from '@main/sync/validate-mutation';
import type { FieldChange, Mutation } from '@shared/sync/protocol';
import type { DynamoValue } from '@shared/values';

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

  it('names like members of Object.prototype are ordinary fields (own lookups), except __proto__, which the app could not read back', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'constructor.prototype']) {
      expect(rejectionReason(updateUser({ op: 'set', path: [name], value: 'x' }), now), name).toBeNull();
      expect(rejectionReason(updateUser({ op: 'set', path: ['details', name], value: 'x' }), now), `details.${name}`).toBeNull();
      expect(rejectionReason(updateBooking({ op: 'remove', path: [name] }), now), name).toBeNull();
      expect(rejectionReason(updateUser({ op: 'set', path: [name, 'prototype'], value: { polluted: true } }), now), `${name}.prototype`).toBeNull();
    }
    const protoReason = 'a field cannot be called __proto__: the app could not read it back';
    expect(rejectionReason(updateUser({ op: 'set', path: ['__proto__'], value: { polluted: true } }), now)).toBe(protoReason);
    expect(rejectionReason(updateUser({ op: 'set', path: ['details', '__proto__'], value: 'x' }), now)).toBe(protoReason);
    expect(rejectionReason({ ...updateUser({ op: 'set', path: ['name'], value: 'Ann' }), clientId: '__proto__' }, now)).toBe('the client id __proto__ cannot be recorded on an item');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects a value nested past DynamoDB's 32 levels (the item and each map on the way count), before measuring its size", () => {
    const lists = (depth: number): DynamoValue => {
      let value: DynamoValue = 'x';
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    // The deepest each place holds (measured on DynamoDB Local), then one level more.
    expect(rejectionReason(updateBooking({ op: 'set', path: ['legacy'], value: lists(31) }), now)).toBeNull();
    expect(rejectionReason(updateBooking({ op: 'set', path: ['legacy'], value: lists(32) }), now)).toBe(
      'legacy holds lists or maps nested 33 levels deep (counting the item); DynamoDB stores at most 32',
    );
    expect(rejectionReason(updateBooking({ op: 'set', path: ['details', 'legacy'], value: lists(30) }), now)).toBeNull();
    expect(rejectionReason(updateBooking({ op: 'set', path: ['details', 'legacy'], value: lists(31) }), now)).toMatch(/^details\.legacy holds lists or maps nested 33 levels deep/);
    expect(rejectionReason(updateBooking({ op: 'set', path: ['legacy'], value: [lists(30), { $ss: ['a'] }] }), now)).toBeNull();
    expect(rejectionReason({ ...header, kind: 'create', entity: 'users', key: 'u1', item: { ...user, deep: lists(33) } }, now)).toMatch(/^deep holds lists or maps nested 34 levels deep/);
    expect(rejectionReason({ ...header, kind: 'create', entity: 'users', key: 'u1', item: { ...user, deep: lists(31) } }, now)).toBeNull();
  });
});
