import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import PQueue from 'p-queue';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { keyAttribute, tableName } from '@shared/tables';
import type { DynamoValue } from '@shared/values';
import { batchWriteItems } from './batch-write';
import { type AwsClients, toSdkItem } from '@main/aws/clients';
import type { SampleData, SampleObject } from './sample-data';

export type SeedTableReport = { entity: EntityName; mode: 'batch' | 'conditional'; written: number; existing: number; consumedWriteUnits: number };
export type SeedObjectsReport = { bucket: string; uploaded: number; bytes: number };
export type SeedReport = { tables: SeedTableReport[]; objects: SeedObjectsReport };

/**
 * Writes sample data without ever replacing an item: into an empty table by BatchWriteItem (fast, and
 * safe since nothing is there to replace), into a table holding data by PutItem conditioned on the key
 * being absent (keys already there are counted as `existing` and left alone). Then puts every sample
 * asset's file into the backend's bucket, so each asset opens; a file's bytes depend only on its key,
 * so putting one again changes nothing.
 */
export async function seedSampleData(
  clients: AwsClients,
  prefix: string,
  data: SampleData,
  options: { concurrency?: number } = {},
): Promise<SeedReport> {
  const tables = await seedTables(clients, prefix, data, options);
  return { tables, objects: await putSampleObjects(clients, data.objects, options.concurrency ?? 8) };
}

async function seedTables(clients: AwsClients, prefix: string, data: SampleData, options: { concurrency?: number }): Promise<SeedTableReport[]> {
  const reports: SeedTableReport[] = [];
  for (const entity of ENTITY_NAMES) {
    const items = data[entity] as unknown as Array<Record<string, DynamoValue>>;
    if (items.length === 0) continue;
    const table = tableName(entity, prefix);
    const probe = await clients.doc.send(new ScanCommand({ TableName: table, Limit: 1, ProjectionExpression: '#k', ExpressionAttributeNames: { '#k': keyAttribute(entity) } }));
    if ((probe.Items ?? []).length === 0 && !probe.LastEvaluatedKey) {
      const result = await batchWriteItems(clients, table, items, options);
      reports.push({ entity, mode: 'batch', written: result.written, existing: 0, consumedWriteUnits: result.consumedWriteUnits });
    } else {
      reports.push(await putAbsent(clients, entity, table, items, options.concurrency ?? 8));
    }
  }
  return reports;
}

async function putAbsent(
  clients: AwsClients,
  entity: EntityName,
  table: string,
  items: Array<Record<string, DynamoValue>>,
  concurrency: number,
): Promise<SeedTableReport> {
  const report: SeedTableReport = { entity, mode: 'conditional', written: 0, existing: 0, consumedWriteUnits: 0 };
  const queue = new PQueue({ concurrency });
  await Promise.all(
    items.map((item) =>
      queue.add(async () => {
        try {
          const result = await clients.doc.send(
            new PutCommand({
              TableName: table,
              Item: toSdkItem(item),
              ConditionExpression: 'attribute_not_exists(#k)',
              ExpressionAttributeNames: { '#k': keyAttribute(entity) },
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          report.written++;
          report.consumedWriteUnits += result.ConsumedCapacity?.CapacityUnits ?? 0;
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
          report.existing++;
        }
      }),
    ),
  );
  return report;
}

async function putSampleObjects(clients: AwsClients, objects: readonly SampleObject[], concurrency: number): Promise<SeedObjectsReport> {
  const { bucket } = clients.config;
  const queue = new PQueue({ concurrency });
  await Promise.all(
    objects.map((object) =>
      queue.add(() =>
        clients.s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: object.key, Body: object.body, ContentType: object.contentType, ContentLength: object.body.byteLength }),
        ),
      ),
    ),
  );
  return { bucket, uploaded: objects.length, bytes: objects.reduce((sum, object) => sum + object.body.byteLength, 0) };
}
