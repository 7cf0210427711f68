import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import { backoffDelay } from '@shared/backoff';
import type { DynamoValue } from '@shared/values';
import { type AwsClients, toSdkItem } from '@main/aws/clients';

export type BatchWriteOptions = {
  /** Requests in flight at once. */
  concurrency?: number;
  /** Retries of a request's UnprocessedItems before giving up. */
  maxRetries?: number;
  /** Backoff before retry n (from 1): about base * 2^n (shared/backoff), capped at 2 s. */
  retryBaseMs?: number;
};

export type BatchWriteReport = { written: number; requests: number; retries: number; consumedWriteUnits: number };

/** DynamoDB's limit per BatchWriteItem request. */
export const BATCH_SIZE = 25;

/**
 * Puts items as fast as the endpoint takes them: 25 per BatchWriteItem, N requests in flight, retrying
 * UnprocessedItems with jittered exponential backoff.
 *
 * BatchWriteItem cannot be conditional: a put replaces any item with the same key. Use it only for keys
 * that the caller generated and that cannot hold anyone's data (new tables, the seeder's own keys);
 * `seedSampleData` switches to conditional PutItem when a table is not empty.
 */
export async function batchWriteItems(
  clients: AwsClients,
  table: string,
  items: ReadonlyArray<Record<string, DynamoValue>>,
  options: BatchWriteOptions = {},
): Promise<BatchWriteReport> {
  const report: BatchWriteReport = { written: 0, requests: 0, retries: 0, consumedWriteUnits: 0 };
  const maxRetries = options.maxRetries ?? 12;
  const retryBaseMs = options.retryBaseMs ?? 25;
  const queue = new PQueue({ concurrency: options.concurrency ?? 8 });
  const writeChunk = async (chunk: ReadonlyArray<Record<string, DynamoValue>>) => {
    let pending = chunk.map((item) => ({ PutRequest: { Item: toSdkItem(item) } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > maxRetries) throw new Error(`${table}: ${pending.length} items still unprocessed after ${maxRetries} retries`);
        report.retries++;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt - 1, { baseMs: 2 * retryBaseMs, maxMs: 2_000 })));
      }
      const result = await clients.doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending }, ReturnConsumedCapacity: 'TOTAL' }));
      report.requests++;
      report.consumedWriteUnits += result.ConsumedCapacity?.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) ?? 0;
      const unprocessed = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      report.written += pending.length - unprocessed.length;
      pending = unprocessed;
    }
  };
  const chunks: Array<ReadonlyArray<Record<string, DynamoValue>>> = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) chunks.push(items.slice(i, i + BATCH_SIZE));
  await Promise.all(chunks.map((chunk) => queue.add(() => writeChunk(chunk))));
  return report;
}
