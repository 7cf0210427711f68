import { describe, expect, it } from 'vitest';
import { AssetSchema, BookingSchema, UserSchema } from '@shared/models';
import { aBooking, anAsset, aServerAsset, aServerBooking, aServerUser, aUser } from '@test/support/builders';

describe('test item builders', () => {
  it('build items every model schema accepts, new and at a server version', () => {
    const stamp = { updatedAt: '2026-11-02T10:00:00.000Z' };
    expect(BookingSchema.safeParse({ ...aBooking(), ...stamp }).success).toBe(true);
    expect(UserSchema.safeParse({ ...aUser(), ...stamp }).success).toBe(true);
    expect(AssetSchema.safeParse({ ...anAsset(), ...stamp }).success).toBe(true);
    expect(aServerBooking(3)).toMatchObject({ version: 3, updatedAt: '2026-11-02T10:00:03.000Z', clientSeq: {}, syncBucket: 1 });
    expect(aServerUser(70).updatedAt).toBe('2026-11-02T10:01:10.000Z');
    expect(aServerAsset(2, { assetId: 'a-9' })).toMatchObject({ assetId: 'a-9', version: 2 });
  });

  it('merge map overrides key by key, replace other values, and drop what is overridden with undefined', () => {
    expect(aBooking({ details: { aircraft: 'C-GABC' } }).details).toEqual({ duration: 60, aircraft: 'C-GABC' });
    expect(aBooking({ details: { duration: undefined, notes: 'x' } }).details).toEqual({ notes: 'x' });
    expect(aUser({ preferences: { theme: 'dark' } }).preferences).toEqual({ theme: 'dark' });
    expect(anAsset({ tags: ['b'] }).tags).toEqual(['b']);
    expect('details' in aServerBooking(1, { details: undefined })).toBe(false);
    expect(aServerBooking(1, { clientSeq: { A: 4 } }).clientSeq).toEqual({ A: 4 });
  });

  it('refuse to build an invalid item', () => {
    expect(() => aBooking({ bookingDate: '2026-02-30' })).toThrow();
    expect(() => aUser({ email: 'not an email' })).toThrow();
    expect(() => anAsset({ size: -1 })).toThrow();
    expect(() => aServerBooking(-1)).toThrow();
  });
});
