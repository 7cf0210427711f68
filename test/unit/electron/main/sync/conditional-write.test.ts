import { describe, expect, it } from 'vitest';
import { buildTombstone, buildVersionedUpdate } from '@main/sync/conditional-write';

const header = { entity: 'bookings' as const, prefix: 'dev-', key: 'b1', updatedAt: '2026-06-01T10:00:00.000Z', updatedBy: 'ann' };

/** The expression with placeholders replaced by names and values, to read it as DynamoDB would. */
function readable(input: ReturnType<typeof buildVersionedUpdate>, which: 'UpdateExpression' | 'ConditionExpression'): string {
  let text = input[which] ?? '';
  for (const [id, name] of Object.entries(input.ExpressionAttributeNames ?? {})) text = text.replaceAll(new RegExp(`${id}(?!\\d)`, 'g'), name);
  for (const [id, value] of Object.entries(input.ExpressionAttributeValues ?? {})) text = text.replaceAll(new RegExp(`${id}(?!\\d)`, 'g'), JSON.stringify(value, (_, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v)));
  return text;
}

describe('buildVersionedUpdate', () => {
  it('conditions an update on version and updatedAt, bumps the version and records the client sequence', () => {
    const input = buildVersionedUpdate({
      ...header,
      expected: { version: 3, updatedAt: '2026-06-01T09:00:00.000Z' },
      changes: [{ op: 'set', path: ['status'], value: 'confirmed' }, { op: 'remove', path: ['bookingTime'] }],
      clientSeq: { clientId: 'c1', seq: 9 },
    });
    expect(input.TableName).toBe('dev-PilotForce-Bookings');
    expect(input.Key).toEqual({ bookingId: 'b1' });
    expect(readable(input, 'ConditionExpression')).toBe('version = 3 AND updatedAt = "2026-06-01T09:00:00.000Z" AND attribute_type(clientSeq, "M")');
    const update = readable(input, 'UpdateExpression');
    expect(update).toContain('version = if_not_exists(version, 0) + 1');
    expect(update).toContain('clientSeq.c1 = 9');
    expect(update).toContain('status = "confirmed"');
    expect(update).toMatch(/REMOVE bookingTime$/);
    expect(input).toMatchObject({ ReturnValues: 'ALL_NEW', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
  });

  it('a create requires the key to be absent and starts at version 1 with its bucket and createdAt', () => {
    const input = buildVersionedUpdate({ ...header, expected: 'new', changes: [{ op: 'set', path: ['details', 'notes'], value: 'n' }], clientSeq: { clientId: 'c1', seq: 1 } });
    expect(readable(input, 'ConditionExpression')).toBe('attribute_not_exists(bookingId)');
    const update = readable(input, 'UpdateExpression');
    expect(update).toContain('version = 1');
    expect(update).toContain('clientSeq = {"c1":1}');
    expect(update).toContain('details = {"notes":"n"}');
    expect(update).toContain(`createdAt = "${header.updatedAt}"`);
  });

  it('a never-adopted item (version 0) is matched on the absence of version', () => {
    const input = buildVersionedUpdate({ ...header, expected: { version: 0, updatedAt: '2023-07-15T10:15:00Z' }, changes: [{ op: 'set', path: ['status'], value: 'confirmed' }] });
    expect(readable(input, 'ConditionExpression')).toBe('attribute_exists(bookingId) AND (attribute_not_exists(version) OR version = 0) AND updatedAt = "2023-07-15T10:15:00Z"');
  });

  it('a nested change requires its parent map unless the current item is known; then a missing parent is written whole', () => {
    const change = { op: 'set' as const, path: ['paymentInfo', 'amount'] as [string, string], value: 5 };
    const blind = buildVersionedUpdate({ ...header, expected: { version: 2, updatedAt: 'x' }, changes: [change] });
    expect(readable(blind, 'ConditionExpression')).toContain('attribute_type(paymentInfo, "M")');
    const known = buildVersionedUpdate({ ...header, expected: { version: 2, updatedAt: 'x' }, changes: [change], current: { bookingId: 'b1' } });
    expect(readable(known, 'ConditionExpression')).not.toContain('attribute_type');
    expect(readable(known, 'UpdateExpression')).toContain('paymentInfo = {"amount":5}');
  });

  it('refuses to write the key or a sync attribute', () => {
    expect(() => buildVersionedUpdate({ ...header, expected: 'new', changes: [{ op: 'set', path: ['version'], value: 9 }] })).toThrow(/sync engine/);
    expect(() => buildVersionedUpdate({ ...header, expected: 'new', changes: [{ op: 'set', path: ['bookingId'], value: 'b2' }] })).toThrow(/sync engine/);
  });
});

describe('buildTombstone', () => {
  it('removes every non-key, non-sync attribute and the seed indexes\' sort keys, and sets the expiry', () => {
    const input = buildTombstone({
      ...header,
      expected: { version: 4, updatedAt: 'x' },
      current: { bookingId: 'b1', userId: 'u', status: 'pending', version: 4, updatedAt: 'x', clientSeq: {}, syncBucket: 1, custom: 'an attribute the app does not model' },
      nowMs: Date.parse('2026-06-01T10:00:00Z'),
      retentionMs: 1000,
    });
    const update = readable(input, 'UpdateExpression');
    expect(update).toContain('deleted = true');
    expect(update).toContain(`expiresAt = ${Date.parse('2026-06-01T10:00:01Z') / 1000}`);
    const removed = (update.split(' REMOVE ')[1] ?? '').split(', ').sort();
    expect(removed).toEqual(['bookingDate', 'custom', 'status', 'userId']);
  });
});
