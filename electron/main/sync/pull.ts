import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EntityName } from '@shared/models';
import {
  type BucketCheckpoint,
  type BucketCursor,
  type BucketQueryPlan,
  type Checkpoint,
  DEFAULT_OVERLAP_MS,
  DEFAULT_TOMBSTONE_RETENTION_MS,
  advanceBucket,
  checkpointAt,
  emptyCheckpoint,
  hasMorePages,
  needsFullResync,
  planBucketQuery,
} from '@shared/sync/checkpoint';
import type { PullResponse, QuarantinedItem, ServerItem } from '@shared/sync/protocol';
import { SYNC_INDEX_NAME, keyAttribute, tableName } from '@shared/tables';
import type { AwsClients } from '../aws/clients';
import { calibrateClock } from './write-time';
import { checkItems } from './validate-item';

export type PullOptions = {
  clients: AwsClients;
  prefix: string;
  /** How far each pass re-reads before the high-water mark (see DEFAULT_OVERLAP_MS for why 5 minutes). */
  overlapMs?: number;
  tombstoneRetentionMs?: number;
};

export type PullInput = { entity: EntityName; checkpoint: Checkpoint | null; limit: number };

/**
 * The delta pull (electron/main/sync/README.md, "Pull"): a Query of SyncIndex per sync bucket, in parallel, for
 * `updatedAt >= highWater - overlap`, continuing page by page. Never a Scan: its cost follows the
 * number of changes, not the table size. Every page DynamoDB returns is used whole, so nothing is
 * capped: 1 MB pages and tables beyond 10,000 items just take more calls while `hasMore`.
 */
export async function pullChanges(options: PullOptions, input: PullInput): Promise<PullResponse> {
  const { clients } = options;
  await calibrateClock(clients, options.prefix);
  const checkpoint = input.checkpoint ?? emptyCheckpoint();
  const nowIso = clients.clock.nowIso();
  const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
  const retentionMs = options.tombstoneRetentionMs ?? DEFAULT_TOMBSTONE_RETENTION_MS;
  const resyncRequired = needsFullResync(checkpoint, nowIso, retentionMs, overlapMs);
  // Finish every pass in progress before starting new ones, so `hasMore` ends.
  const continuing = hasMorePages(checkpoint);
  const active = checkpoint.buckets.map((bucket, index) => ({ bucket, index })).filter(({ bucket }) => !continuing || bucket.pass);
  const perBucketLimit = Math.max(1, Math.ceil(input.limit / active.length));

  const pages = await Promise.all(
    active.map(({ bucket, index }) => queryBucket(options, input.entity, index, bucket, planBucketQuery(bucket, nowIso, overlapMs), perBucketLimit)),
  );

  const buckets = [...checkpoint.buckets];
  const items: ServerItem[] = [];
  const quarantined: QuarantinedItem[] = [];
  let consumedReadUnits = 0;
  const capAt = clients.clock.nowIso();
  for (const page of pages) {
    buckets[page.index] = advanceBucket(page.bucket, page.plan, { read: page.read, lastEvaluated: page.lastEvaluated }, capAt);
    const checked = checkItems(input.entity, page.rawItems, Date.parse(capAt));
    items.push(...checked.items);
    quarantined.push(...checked.quarantined);
    consumedReadUnits += page.consumedReadUnits;
  }
  const next: Checkpoint = { buckets };
  return { items, quarantined, checkpoint: next, hasMore: hasMorePages(next), resyncRequired, consumedReadUnits };
}

type BucketPage = {
  index: number;
  bucket: BucketCheckpoint;
  plan: BucketQueryPlan;
  rawItems: Array<Record<string, unknown>>;
  read: BucketCursor[];
  lastEvaluated: BucketCursor | null;
  consumedReadUnits: number;
};

async function queryBucket(
  { clients, prefix }: PullOptions,
  entity: EntityName,
  index: number,
  bucket: BucketCheckpoint,
  plan: BucketQueryPlan,
  limit: number,
): Promise<BucketPage> {
  const keyName = keyAttribute(entity);
  const input: QueryCommandInput = {
    TableName: tableName(entity, prefix),
    IndexName: SYNC_INDEX_NAME,
    KeyConditionExpression: plan.from === null ? '#bucket = :bucket' : '#bucket = :bucket AND #updatedAt >= :from',
    ExpressionAttributeNames: { '#bucket': 'syncBucket', ...(plan.from === null ? {} : { '#updatedAt': 'updatedAt' }) },
    ExpressionAttributeValues: { ':bucket': index, ...(plan.from === null ? {} : { ':from': plan.from }) },
    Limit: limit,
    ReturnConsumedCapacity: 'TOTAL',
    ...(plan.after ? { ExclusiveStartKey: { syncBucket: index, updatedAt: plan.after.updatedAt, [keyName]: plan.after.key } } : {}),
  };
  const result = await clients.doc.send(new QueryCommand(input));
  const rawItems = (result.Items ?? []) as Array<Record<string, unknown>>;
  const read = rawItems.map((item) => ({ updatedAt: String(item.updatedAt), key: String(item[keyName]) }));
  const last = result.LastEvaluatedKey;
  const lastEvaluated = last ? { updatedAt: String(last.updatedAt), key: String(last[keyName]) } : null;
  return { index, bucket, plan, rawItems, read, lastEvaluated, consumedReadUnits: result.ConsumedCapacity?.CapacityUnits ?? 0 };
}

/** The checkpoint an initial sync keeps before its Scan: the server's "now" in every bucket. */
export async function currentCheckpoint(clients: AwsClients, prefix: string): Promise<Checkpoint> {
  await calibrateClock(clients, prefix);
  return checkpointAt(clients.clock.nowIso());
}
