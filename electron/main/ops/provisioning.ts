import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type GlobalSecondaryIndex,
  type TableDescription,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  type LifecycleRule,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutPublicAccessBlockCommand,
  type ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { ENTITY_NAMES } from '@shared/models';
import { HISTORY_TABLE, historyTableName, type IndexDefinition, type ProvisionedTable, TABLES, tableName } from '@shared/tables';
import type { AwsClients } from '@main/aws/clients';

export type ProvisionOptions = {
  prefix: string;
  /** Create and harden this bucket too. */
  bucket?: string;
  /** Read and plan only; write nothing. */
  dryRun?: boolean;
  /** Customer-managed KMS key for table and bucket encryption; the AWS-managed key when absent. */
  kmsKeyId?: string;
  log: (line: string) => void;
  /** Pause between DescribeTable polls while a table or index is not ACTIVE yet. */
  pollIntervalMs?: number;
};

export type StepStatus = 'created' | 'updated' | 'unchanged' | 'planned' | 'not supported locally' | 'skipped';
export type ProvisionStep = { target: string; setting: string; status: StepStatus; detail?: string };
export type ProvisionReport = { dryRun: boolean; changed: boolean; steps: ProvisionStep[] };

const ABORT_MULTIPART_RULE_ID = 'pilotforce-abort-incomplete-multipart-uploads';
const ABORT_MULTIPART_DAYS = 7;

function errorName(error: unknown): string {
  return (error as { name?: string }).name ?? '';
}

function isUnsupportedError(error: unknown, local: boolean): boolean {
  const name = errorName(error);
  if (name === 'UnknownOperationException' || name === 'NotImplemented') return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return local && (status === 501 || (name === 'ValidationException' && /nothing to update|not supported/i.test(String((error as Error).message))));
}

/**
 * Brings the tables (and optionally the bucket) to what `shared/tables.ts` defines, changing only what
 * is missing: it never deletes or replaces a table, index or rule. Running it twice changes nothing.
 */
export async function provision(clients: AwsClients, options: ProvisionOptions): Promise<ProvisionReport> {
  const steps: ProvisionStep[] = [];
  const dryRun = options.dryRun ?? false;
  const record = (step: ProvisionStep) => {
    steps.push(step);
    options.log(`${step.target}: ${step.setting}: ${step.status}${step.detail ? ` (${step.detail})` : ''}`);
  };
  for (const entity of ENTITY_NAMES) {
    await provisionTable(clients, TABLES[entity], tableName(entity, options.prefix), options, record);
  }
  await provisionTable(clients, HISTORY_TABLE, historyTableName(options.prefix), options, record);
  if (options.bucket) await provisionBucket(clients, options.bucket, options, record);
  return { dryRun, changed: steps.some((s) => s.status === 'created' || s.status === 'updated'), steps };
}

type Recorder = (step: ProvisionStep) => void;

/** Reads a setting, writes it when it differs, and reads back to tell a silently ignored write from a real one. */
async function ensureSetting(
  target: string,
  setting: string,
  local: boolean,
  dryRun: boolean,
  record: Recorder,
  isInPlace: () => Promise<boolean>,
  apply: () => Promise<void>,
  detail?: string,
): Promise<void> {
  const base = { target, setting, ...(detail ? { detail } : {}) };
  try {
    if (await isInPlace()) return record({ ...base, status: 'unchanged' });
    if (dryRun) return record({ ...base, status: 'planned' });
    await apply();
    if (!(await isInPlace())) {
      if (local) return record({ target, setting, status: 'not supported locally' });
      throw new Error(`${target}: ${setting} was requested but is not in effect`);
    }
    record({ ...base, status: 'updated' });
  } catch (error) {
    if (isUnsupportedError(error, local)) {
      return record({ target, setting, status: 'not supported locally' });
    }
    throw error;
  }
}

async function describeTable(clients: AwsClients, name: string): Promise<TableDescription | undefined> {
  try {
    const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: name }));
    return Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** DynamoDB (and DynamoDB Local while it builds an index under load) may fail a describe now and then. */
const TRANSIENT_ERRORS = new Set(['InternalFailure', 'InternalServerError', 'ServiceUnavailable', 'ThrottlingException']);
const MAX_TRANSIENT_FAILURES = 10;

async function waitUntilActive(clients: AwsClients, name: string, pollIntervalMs: number): Promise<TableDescription> {
  for (let failures = 0; ; ) {
    let table: TableDescription | undefined;
    try {
      table = await describeTable(clients, name);
    } catch (error) {
      if (!TRANSIENT_ERRORS.has(errorName(error)) || ++failures > MAX_TRANSIENT_FAILURES) throw error;
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
      continue;
    }
    if (!table) throw new Error(`${name}: table disappeared while waiting for it to become ACTIVE`);
    const indexesActive = (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table.TableStatus === 'ACTIVE' && indexesActive) return table;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

function keyAttributeDefinitions(definition: ProvisionedTable, indexes: readonly IndexDefinition[]): AttributeDefinition[] {
  const attributes = new Map<string, 'S' | 'N'>([[definition.partitionKey.name, definition.partitionKey.type]]);
  if (definition.sortKey) attributes.set(definition.sortKey.name, definition.sortKey.type);
  for (const index of indexes) {
    attributes.set(index.partitionKey.name, index.partitionKey.type);
    if (index.sortKey) attributes.set(index.sortKey.name, index.sortKey.type);
  }
  return [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

function indexSpec(index: IndexDefinition): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
      ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    // Every attribute on every index: the app reads whole items from them and never fetches again.
    Projection: { ProjectionType: 'ALL' },
  };
}

function sameKeys(spec: GlobalSecondaryIndex, existing: { KeySchema?: GlobalSecondaryIndex['KeySchema'] }): boolean {
  const keys = (index: { KeySchema?: GlobalSecondaryIndex['KeySchema'] }) => (index.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
  return keys(spec) === keys(existing);
}

async function provisionTable(
  clients: AwsClients,
  definition: ProvisionedTable,
  name: string,
  options: ProvisionOptions,
  record: Recorder,
): Promise<void> {
  const local = clients.config.endpoint !== undefined;
  const dryRun = options.dryRun ?? false;
  const pollIntervalMs = options.pollIntervalMs ?? (local ? 50 : 5_000);
  let table = await describeTable(clients, name);

  if (!table) {
    const detail = definition.indexes.length ? `on-demand; indexes ${definition.indexes.map((i) => i.name).join(', ')}` : 'on-demand; no indexes';
    if (dryRun) {
      record({ target: name, setting: 'table', status: 'planned', detail });
      record({ target: name, setting: `time to live on ${definition.ttlAttribute}`, status: 'planned' });
      if (!local) {
        for (const setting of ['point-in-time recovery', 'deletion protection', 'encryption']) {
          record({ target: name, setting, status: 'planned' });
        }
      }
      return;
    }
    await clients.dynamo.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributeDefinitions(definition, definition.indexes),
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        ...(definition.indexes.length ? { GlobalSecondaryIndexes: definition.indexes.map(indexSpec) } : {}),
      }),
    );
    table = await waitUntilActive(clients, name, pollIntervalMs);
    record({ target: name, setting: 'table', status: 'created', detail });
  } else {
    table = await addMissingIndexes(clients, definition, name, table, { dryRun, pollIntervalMs }, record);
  }

  await ensureSetting(
    name,
    `time to live on ${definition.ttlAttribute}`,
    local,
    dryRun,
    record,
    async () => {
      const { TimeToLiveDescription: ttl } = await clients.dynamo.send(new DescribeTimeToLiveCommand({ TableName: name }));
      if (ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') {
        if (ttl.AttributeName !== definition.ttlAttribute) {
          throw new Error(`${name}: time to live is on ${ttl.AttributeName ?? '?'}, not ${definition.ttlAttribute}; change it by hand`);
        }
        return true;
      }
      return false;
    },
    async () => {
      await clients.dynamo.send(
        new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true } }),
      );
    },
  );

  await ensureSetting(
    name,
    'point-in-time recovery',
    local,
    dryRun,
    record,
    async () => {
      const { ContinuousBackupsDescription: backups } = await clients.dynamo.send(new DescribeContinuousBackupsCommand({ TableName: name }));
      return backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED';
    },
    async () => {
      // A table created moments ago refuses this until its backups are ready.
      for (let attempt = 1; ; attempt++) {
        try {
          await clients.dynamo.send(
            new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
          );
          return;
        } catch (error) {
          if (errorName(error) !== 'ContinuousBackupsUnavailableException' || attempt >= 30) throw error;
          await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
        }
      }
    },
  );

  // Local tables stay deletable: tests and `db:setup` resets drop them.
  if (local) {
    record({ target: name, setting: 'deletion protection', status: 'skipped', detail: 'local endpoint' });
  } else {
    await ensureSetting(
      name,
      'deletion protection',
      local,
      dryRun,
      record,
      async () => (await waitUntilActive(clients, name, pollIntervalMs)).DeletionProtectionEnabled === true,
      async () => {
        await clients.dynamo.send(new UpdateTableCommand({ TableName: name, DeletionProtectionEnabled: true }));
      },
    );
  }

  const wantedKey = options.kmsKeyId;
  await ensureSetting(
    name,
    'encryption',
    local,
    dryRun,
    record,
    async () => {
      const sse = (await waitUntilActive(clients, name, pollIntervalMs)).SSEDescription;
      if (sse?.Status !== 'ENABLED' && sse?.Status !== 'UPDATING') return false;
      if (sse.SSEType !== 'KMS') return false;
      return wantedKey === undefined || (sse.KMSMasterKeyArn ?? '').endsWith(wantedKey) || sse.KMSMasterKeyArn === wantedKey;
    },
    async () => {
      await clients.dynamo.send(
        new UpdateTableCommand({
          TableName: name,
          SSESpecification: { Enabled: true, SSEType: 'KMS', ...(wantedKey ? { KMSMasterKeyId: wantedKey } : {}) },
        }),
      );
      await waitUntilActive(clients, name, pollIntervalMs);
    },
    wantedKey ? `KMS key ${wantedKey}` : 'AWS-managed KMS key',
  );
}

/** Adds indexes the definition has and the table lacks, one UpdateTable at a time (DynamoDB allows one create per call). */
async function addMissingIndexes(
  clients: AwsClients,
  definition: ProvisionedTable,
  name: string,
  table: TableDescription,
  options: { dryRun: boolean; pollIntervalMs: number },
  record: Recorder,
): Promise<TableDescription> {
  let current = table;
  for (const index of definition.indexes) {
    const spec = indexSpec(index);
    const existing = current.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.name);
    if (existing) {
      if (!sameKeys(spec, existing)) {
        throw new Error(`${name}: index ${index.name} exists with other keys than ${index.partitionKey.name}/${index.sortKey?.name ?? '-'}; fix it by hand`);
      }
      const projection = existing.Projection?.ProjectionType;
      record({
        target: name,
        setting: `index ${index.name}`,
        status: 'unchanged',
        ...(projection !== 'ALL' ? { detail: `projection is ${projection ?? '?'}, not ALL: reads through it miss attributes` } : {}),
      });
      continue;
    }
    if (options.dryRun) {
      record({ target: name, setting: `index ${index.name}`, status: 'planned' });
      continue;
    }
    const throughput = current.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' || !current.ProvisionedThroughput?.ReadCapacityUnits
      ? {}
      : {
          ProvisionedThroughput: {
            ReadCapacityUnits: current.ProvisionedThroughput.ReadCapacityUnits,
            WriteCapacityUnits: current.ProvisionedThroughput.WriteCapacityUnits ?? 1,
          },
        };
    await clients.dynamo.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: keyAttributeDefinitions(definition, [index]),
        GlobalSecondaryIndexUpdates: [{ Create: { ...spec, ...throughput } }],
      }),
    );
    current = await waitUntilActive(clients, name, options.pollIntervalMs);
    record({ target: name, setting: `index ${index.name}`, status: 'created' });
  }
  return current;
}

async function provisionBucket(clients: AwsClients, bucket: string, options: ProvisionOptions, record: Recorder): Promise<void> {
  const local = clients.config.s3Endpoint !== undefined;
  const dryRun = options.dryRun ?? false;
  const target = `s3://${bucket}`;
  let exists = true;
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw error;
    exists = false;
  }
  if (!exists) {
    if (dryRun) {
      record({ target, setting: 'bucket', status: 'planned' });
      for (const setting of ['public access block', 'default encryption', 'abort incomplete multipart uploads']) {
        record({ target, setting, status: 'planned' });
      }
      return;
    }
    const region = clients.config.region;
    await clients.s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region !== 'us-east-1' && !local ? { CreateBucketConfiguration: { LocationConstraint: region as never } } : {}),
      }),
    );
    record({ target, setting: 'bucket', status: 'created' });
  } else {
    record({ target, setting: 'bucket', status: 'unchanged' });
  }

  const blockAll = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  await ensureSetting(
    target,
    'public access block',
    local,
    dryRun,
    record,
    async () => {
      try {
        const { PublicAccessBlockConfiguration: current } = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
        return Object.entries(blockAll).every(([key, value]) => current?.[key as keyof typeof blockAll] === value);
      } catch (error) {
        if (errorName(error) === 'NoSuchPublicAccessBlockConfiguration') return false;
        throw error;
      }
    },
    async () => {
      await clients.s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: blockAll }));
    },
  );

  const wantedRule: ServerSideEncryptionRule = options.kmsKeyId
    ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: options.kmsKeyId }, BucketKeyEnabled: true }
    : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } };
  await ensureSetting(
    target,
    'default encryption',
    local,
    dryRun,
    record,
    async () => {
      try {
        const { ServerSideEncryptionConfiguration: current } = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
        const applied = current?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
        if (!applied) return false;
        // An existing default is kept unless a specific key was asked for.
        return options.kmsKeyId === undefined || applied.KMSMasterKeyID === options.kmsKeyId;
      } catch (error) {
        if (errorName(error) === 'ServerSideEncryptionConfigurationNotFoundError') return false;
        throw error;
      }
    },
    async () => {
      await clients.s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [wantedRule] } }));
    },
    options.kmsKeyId ? `KMS key ${options.kmsKeyId}` : 'SSE-S3',
  );

  let existingRules: LifecycleRule[] = [];
  await ensureSetting(
    target,
    'abort incomplete multipart uploads',
    local,
    dryRun,
    record,
    async () => {
      try {
        const { Rules } = await clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
        existingRules = Rules ?? [];
      } catch (error) {
        if (errorName(error) !== 'NoSuchLifecycleConfiguration') throw error;
        existingRules = [];
      }
      return existingRules.some((rule) => rule.ID === ABORT_MULTIPART_RULE_ID && rule.Status === 'Enabled');
    },
    async () => {
      // The bucket's other rules are kept: PutBucketLifecycleConfiguration replaces the whole set.
      const rules: LifecycleRule[] = [
        ...existingRules.filter((rule) => rule.ID !== ABORT_MULTIPART_RULE_ID),
        {
          ID: ABORT_MULTIPART_RULE_ID,
          Status: 'Enabled',
          Filter: { Prefix: '' },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: ABORT_MULTIPART_DAYS },
        },
      ];
      await clients.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));
    },
    `after ${ABORT_MULTIPART_DAYS} days`,
  );
}
