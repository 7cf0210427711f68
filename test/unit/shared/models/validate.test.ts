import { describe, expect, it } from 'vitest';
import { WEB_URL_MESSAGE } from '@shared/models';
import { validateItem } from '@shared/models/validate';
import type { DynamoValue } from '@shared/values';

const booking: Record<string, DynamoValue> = {
  bookingId: 'b-1',
  userId: 'u-1',
  serviceType: 'lesson',
  bookingDate: '2023-07-15',
  bookingTime: '10:00',
  status: 'confirmed',
  createdAt: '2023-07-01T09:00:00Z',
  updatedAt: '2023-07-01T09:00:00Z',
};

describe('validateItem', () => {
  it('accepts a valid item and fills the defaults of items never adopted', () => {
    const result = validateItem('bookings', booking);
    expect(result).toMatchObject({ ok: true, item: { bookingId: 'b-1', version: 0, clientSeq: {} } });
  });

  it('names every bad attribute and what is wrong with it, with the key for quarantine', () => {
    const result = validateItem('bookings', { ...booking, bookingDate: '2023-02-30', status: 'done', details: { duration: 'long' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.key).toBe('b-1');
    expect(result.reason).toContain('bookingDate: not a date (YYYY-MM-DD)');
    expect(result.reason).toContain('status: expected one of "pending", "confirmed", "completed", "cancelled", got "done"');
    expect(result.reason).toContain('details.duration: expected number, got "long"');
  });

  it('reports missing attributes and a missing key as null', () => {
    const { bookingId: _omitted, createdAt: _also, ...rest } = booking;
    const result = validateItem('bookings', rest);
    expect(result).toMatchObject({ ok: false, key: null });
    if (result.ok) return;
    expect(result.reason).toContain('bookingId: missing');
    expect(result.reason).toContain('createdAt: missing');
  });

  it('shows paths into lists by index', () => {
    const asset: Record<string, DynamoValue> = {
      assetId: 'a-1',
      assetType: 'image',
      fileName: 'x.png',
      s3Key: 'users/u-1/a-1/x.png',
      mimeType: 'image/png',
      size: 10,
      userId: 'u-1',
      tags: ['ok', ''],
      createdAt: '2023-07-01T09:00:00Z',
      updatedAt: 'yesterday',
    };
    const result = validateItem('assets', asset);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/tags\[1\]: /);
    expect(result.reason).toContain('updatedAt: not an ISO-8601 instant');
  });

  it('gives the reason of a URL field that is not https, so the item is quarantined rather than shown', () => {
    const user: Record<string, DynamoValue> = { userId: 'u-1', email: 'ann@example.com', name: 'Ann', role: 'staff', createdAt: '2023-07-01T09:00:00Z', updatedAt: '2023-07-01T09:00:00Z' };
    const result = validateItem('users', { ...user, profileImageUrl: 'javascript:alert(document.cookie)' });
    expect(result).toEqual({ ok: false, key: 'u-1', reason: `profileImageUrl: ${WEB_URL_MESSAGE}` });
  });
});
