import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import type { AwsClients } from '@main/aws/clients';
import { provision } from '@main/ops/provisioning';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { type SampleSizes, sampleItems } from './sample-items';

const BATCH = 25;

/**
 * Creates the tables under `prefix` and fills them with the sample items by parallel BatchWrite
 * (fresh tables: nothing there to overwrite), retrying unprocessed items. Returns the seconds it took.
 */
export async function loadSample(clients: AwsClients, prefix: string, sizes: SampleSizes, concurrency = 12): Promise<number> {
  const started = performance.now();
  await provision(clients, { prefix, log: () => undefined, pollIntervalMs: 50 });
  const queue = new PQueue({ concurrency });
  // The first failed write fails the load, once the queue has drained (no promise per batch is kept).
  const failures: unknown[] = [];
  for (const entity of ENTITY_NAMES) {
    let batch: Array<Record<string, unknown>> = [];
    const send = (items: Array<Record<string, unknown>>) => {
      queue.add(() => writeAll(clients, tableName(entity, prefix), items)).catch((error: unknown) => failures.push(error));
    };
    for (const item of sampleItems(entity, sizes)) {
      batch.push(item);
      if (batch.length === BATCH) {
        send(batch);
        batch = [];
        // Keep memory flat: generate only as fast as DynamoDB takes the items.
        if (queue.size > concurrency * 4) await queue.onSizeLessThan(concurrency * 2);
      }
    }
    if (batch.length > 0) send(batch);
  }
  await queue.onIdle();
  if (failures.length > 0) throw failures[0];
  return (performance.now() - started) / 1000;
}

async function writeAll(clients: AwsClients, table: string, items: Array<Record<string, unknown>>): Promise<void> {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
    const result = await clients.doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
    requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    if (attempt > 20) throw new Error(`BatchWrite to ${table} kept leaving items unprocessed`);
  }
}
