import { describe, expect, it } from 'vitest';
import { AssetSchema, BookingSchema, UserSchema } from '@shared/models';

const user = {
  userId: 'u-1',
  email: 'ann@example.com',
  name: 'Ann Pilot',
  role: 'customer',
  createdAt: '2023-07-01T09:00:00Z',
  updatedAt: '2023-07-01T09:00:00Z',
};
const booking = {
  bookingId: 'b-1',
  userId: 'u-1',
  serviceType: 'lesson',
  bookingDate: '2024-02-29',
  bookingTime: '23:59',
  status: 'pending',
  createdAt: '2023-07-01T09:00:00Z',
  updatedAt: '2023-07-01T09:00:00.123Z',
};

describe('models', () => {
  it('keeps an unknown role and unknown attributes as they are', () => {
    const parsed = UserSchema.parse({ ...user, role: 'mechanic', loyalty: { $ns: [1, { $n: '12345678901234567890' }] } });
    expect(parsed.role).toBe('mechanic');
    expect(parsed.loyalty).toEqual({ $ns: [1, { $n: '12345678901234567890' }] });
  });

  it('keeps unknown keys in details and paymentInfo, with exact amounts', () => {
    const parsed = BookingSchema.parse({
      ...booking,
      details: { duration: 90, fuelPolicy: 'wet', legs: [{ from: 'KPAO', to: 'KSQL' }] },
      paymentInfo: { amount: { $n: '12345678901234567890123456789012345678' }, currency: 'USD', voucher: 'X1' },
    });
    expect(parsed.details).toEqual({ duration: 90, fuelPolicy: 'wet', legs: [{ from: 'KPAO', to: 'KSQL' }] });
    expect(parsed.paymentInfo?.amount).toEqual({ $n: '12345678901234567890123456789012345678' });
    expect(parsed.paymentInfo?.voucher).toBe('X1');
  });

  it('rejects a status outside the workflow', () => {
    expect(BookingSchema.safeParse({ ...booking, status: 'done' }).success).toBe(false);
  });

  it('rejects dates that do not exist and accepts leap days', () => {
    expect(BookingSchema.safeParse({ ...booking, bookingDate: '2023-02-30' }).success).toBe(false);
    expect(BookingSchema.safeParse({ ...booking, bookingDate: '2023-02-29' }).success).toBe(false);
    expect(BookingSchema.safeParse(booking).success).toBe(true);
  });

  it('rejects times past 23:59 and emails that are not', () => {
    expect(BookingSchema.safeParse({ ...booking, bookingTime: '24:00' }).success).toBe(false);
    expect(UserSchema.safeParse({ ...user, email: 'ann.example.com' }).success).toBe(false);
  });

  it('an asset\'s MIME type must fit its asset type, the issue on mimeType', () => {
    const asset = { assetId: 'a-1', assetType: 'image', fileName: 'x.png', s3Key: 'users/u-1/a-1/x.png', mimeType: 'image/png', size: 10, userId: 'u-1', createdAt: user.createdAt, updatedAt: user.updatedAt };
    expect(AssetSchema.safeParse(asset).success).toBe(true);
    expect(AssetSchema.safeParse({ ...asset, assetType: 'document', mimeType: 'application/pdf' }).success).toBe(true);
    expect(AssetSchema.safeParse({ ...asset, mimeType: 'text/html' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['mimeType'], message: expect.stringMatching(/^An image asset is image\/jpeg, .*, not text\/html\.$/) }),
    ]);
    expect(AssetSchema.safeParse({ ...asset, assetType: 'video' }).success).toBe(false);
  });

  it('types an asset’s document fields, keeping other metadata as it is', () => {
    const asset = {
      assetId: 'as-1', assetType: 'document', fileName: 'medical.pdf', s3Key: 'users/u-1/as-1/medical.pdf', mimeType: 'application/pdf', size: 10,
      userId: 'u-1', createdAt: '2023-07-01T09:00:00Z', updatedAt: '2023-07-01T09:00:00Z',
    };
    expect(AssetSchema.parse({ ...asset, metadata: { documentKind: 'medical', issuedOn: '2025-06-01', expiresOn: '2026-05-31', pages: 2 } }).metadata).toEqual({
      documentKind: 'medical', issuedOn: '2025-06-01', expiresOn: '2026-05-31', pages: 2,
    });
    expect(AssetSchema.safeParse({ ...asset, metadata: { expiresOn: '2026-02-30' } }).success).toBe(false);
    expect(AssetSchema.safeParse({ ...asset, metadata: { documentKind: 'Medical Certificate' } }).success).toBe(false);
  });
});
