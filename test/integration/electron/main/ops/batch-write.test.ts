import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchWriteItems } from '@main/ops/batch-write';
import { generateSampleData } from '@main/ops/sample-data';
import { tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { type TestBackend, useTestBackend } from '@test/support/backend';

let backend: TestBackend;
beforeAll(async () => {
  backend = await useTestBackend();
});
afterAll(() => backend.close());

describe('batchWriteItems', () => {
  it('writes every item in requests of 25, several in flight, exact numbers included', async () => {
    const { bookings } = generateSampleData(3, { users: 10, bookings: 1010, assets: 0 }, { anchorDate: '2026-08-15' });
    const items = bookings as unknown as Array<Record<string, DynamoValue>>;
    items[0] = { ...items[0]!, paymentInfo: { amount: { $n: '12345678901234567890123456789012345678' }, currency: 'USD' } };
    const report = await batchWriteItems(backend.clients, tableName('bookings', backend.prefix), items, { concurrency: 4 });
    expect(report.written).toBe(1010);
    expect(report.requests).toBeGreaterThanOrEqual(41);
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await backend.clients.doc.send(new ScanCommand({ TableName: tableName('bookings', backend.prefix), Select: 'COUNT', ...(start ? { ExclusiveStartKey: start } : {}) }));
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    expect(count).toBe(1010);
  });
});
