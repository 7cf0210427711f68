import { ENTITY_NAMES } from '@shared/models';
import { historyTableName, tableName } from '@shared/tables';

/**
 * Least-privilege IAM policies, generated from the same table definitions the app uses. The app's
 * policy grants only the calls the app's main process sends; provisioning gets its own policy.
 */
export type PolicyOptions = {
  prefix: string;
  bucket: string;
  region?: string;
  account?: string;
  /** The customer-managed KMS key of `db:setup --kms-key-id` (its ARN): SSE-KMS objects need it to be written and read. */
  kmsKeyArn?: string;
};

type Statement = { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string[] };
export type PolicyDocument = { Version: '2012-10-17'; Statement: Statement[] };

/** SDK command name -> the IAM actions it needs (a transaction: each of its items' own). */
type CommandActions = Record<string, string | readonly string[]>;

/** Every action a command map grants, once each. */
function actionsOf(commands: CommandActions): string[] {
  return unique(Object.values(commands).flat());
}

/** SDK command name -> the IAM action it needs. Commands listed here are the only ones the app may send. */
export const APP_DYNAMODB_COMMANDS: CommandActions = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  QueryCommand: 'dynamodb:Query',
  // A change and its history entry in one transaction: IAM checks each of its items' own action (UpdateItem on the
  // item's table, PutItem on the history table); TransactWriteItems has no action of its own.
  TransactWriteCommand: ['dynamodb:UpdateItem', 'dynamodb:PutItem'],
  // The initial sync's parallel Scan and the daily reconciliation: the only Scans (see the cost test).
  ScanCommand: 'dynamodb:Scan',
  DescribeTableCommand: 'dynamodb:DescribeTable',
};

export const APP_S3_COMMANDS: Record<string, string> = {
  PutObjectCommand: 's3:PutObject',
  CreateMultipartUploadCommand: 's3:PutObject',
  UploadPartCommand: 's3:PutObject',
  CompleteMultipartUploadCommand: 's3:PutObject',
  AbortMultipartUploadCommand: 's3:AbortMultipartUpload',
  // Cancelling a job whose object was written but whose item was not removes the orphan object.
  DeleteObjectCommand: 's3:DeleteObject',
  GetObjectCommand: 's3:GetObject',
  HeadObjectCommand: 's3:GetObject',
};

/**
 * Commands any AWS identity may send without an IAM permission: the policy grants nothing for them.
 * STS GetCallerIdentity tells main who is signed in, for `updatedBy`.
 */
export const UNGATED_COMMANDS: Record<string, string> = {
  GetCallerIdentityCommand: 'sts:GetCallerIdentity',
};

/** SDK command name -> IAM action, for what only the provisioning and seeding CLIs send. */
export const PROVISIONING_DYNAMODB_COMMANDS: CommandActions = {
  CreateTableCommand: 'dynamodb:CreateTable',
  UpdateTableCommand: 'dynamodb:UpdateTable',
  DescribeTableCommand: 'dynamodb:DescribeTable',
  UpdateTimeToLiveCommand: 'dynamodb:UpdateTimeToLive',
  DescribeTimeToLiveCommand: 'dynamodb:DescribeTimeToLive',
  UpdateContinuousBackupsCommand: 'dynamodb:UpdateContinuousBackups',
  DescribeContinuousBackupsCommand: 'dynamodb:DescribeContinuousBackups',
  // `npm run db:backup`.
  CreateBackupCommand: 'dynamodb:CreateBackup',
  // `db:restore-copy` reads the restored and the live copy of an item.
  GetCommand: 'dynamodb:GetItem',
  // The backfill of sync attributes, the seeder's "is it empty" probe, `db:restore-copy --since`, `db:trim-history`.
  ScanCommand: 'dynamodb:Scan',
  // `db:trim-history` deletes history entries past the retention.
  DeleteCommand: 'dynamodb:DeleteItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  PutCommand: 'dynamodb:PutItem',
  // The backfill's adoptions and the restore copy-back, each with its history entry.
  TransactWriteCommand: ['dynamodb:UpdateItem', 'dynamodb:PutItem'],
};
export const PROVISIONING_S3_COMMANDS: Record<string, string> = {
  CreateBucketCommand: 's3:CreateBucket',
  HeadBucketCommand: 's3:ListBucket',
  GetPublicAccessBlockCommand: 's3:GetBucketPublicAccessBlock',
  PutPublicAccessBlockCommand: 's3:PutBucketPublicAccessBlock',
  GetBucketEncryptionCommand: 's3:GetEncryptionConfiguration',
  PutBucketEncryptionCommand: 's3:PutEncryptionConfiguration',
  GetBucketLifecycleConfigurationCommand: 's3:GetLifecycleConfiguration',
  PutBucketLifecycleConfigurationCommand: 's3:PutLifecycleConfiguration',
  // `db:seed` puts the sample assets' files (objects, not the bucket: see provisioningPolicy).
  PutObjectCommand: 's3:PutObject',
};
const OBJECT_ACTIONS = new Set(['s3:PutObject']);

/** `db:setup --alarms`: PutMetricAlarm creates or replaces, so no read is needed. */
export const PROVISIONING_CLOUDWATCH_COMMANDS: Record<string, string> = {
  PutMetricAlarmCommand: 'cloudwatch:PutMetricAlarm',
};

function tableArns({ prefix, region = '*', account = '*' }: PolicyOptions): string[] {
  const tables = ENTITY_NAMES.flatMap((entity) => {
    const arn = `arn:aws:dynamodb:${region}:${account}:table/${tableName(entity, prefix)}`;
    return [arn, `${arn}/index/*`];
  });
  // The history table has no index.
  return [...tables, `arn:aws:dynamodb:${region}:${account}:table/${historyTableName(prefix)}`];
}

/** Tables restored beside the live ones (`<table>-restored`, the runbook's name), which `db:restore-copy` reads. */
function restoredTableArns({ prefix, region = '*', account = '*' }: PolicyOptions): string[] {
  return ENTITY_NAMES.map((entity) => `arn:aws:dynamodb:${region}:${account}:table/${tableName(entity, prefix)}-restored*`);
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The policy the desktop app's credentials need, and nothing more. */
export function appPolicy(options: PolicyOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PilotForceTables',
        Effect: 'Allow',
        Action: actionsOf(APP_DYNAMODB_COMMANDS),
        Resource: tableArns(options),
      },
      {
        Sid: 'PilotForceAssetObjects',
        Effect: 'Allow',
        Action: unique(Object.values(APP_S3_COMMANDS)),
        Resource: [`arn:aws:s3:::${options.bucket}/users/*`],
      },
      // S3 asks KMS on the caller's behalf: no command of the app's, but needed with a customer-managed key.
      ...(options.kmsKeyArn
        ? [{ Sid: 'PilotForceAssetKey', Effect: 'Allow' as const, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: [options.kmsKeyArn] }]
        : []),
    ],
  };
}

/** The policy of whoever runs `db:setup`, `db:seed` and `db:backup` (an administrator, not the app). */
export function provisioningPolicy(options: PolicyOptions): PolicyDocument {
  const bucketActions = unique(Object.values(PROVISIONING_S3_COMMANDS));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PilotForceTableAdmin', Effect: 'Allow', Action: actionsOf(PROVISIONING_DYNAMODB_COMMANDS), Resource: [...tableArns(options), ...restoredTableArns(options)] },
      { Sid: 'PilotForceBucketAdmin', Effect: 'Allow', Action: bucketActions.filter((action) => !OBJECT_ACTIONS.has(action)), Resource: [`arn:aws:s3:::${options.bucket}`] },
      { Sid: 'PilotForceSampleObjects', Effect: 'Allow', Action: bucketActions.filter((action) => OBJECT_ACTIONS.has(action)), Resource: [`arn:aws:s3:::${options.bucket}/users/*`] },
      {
        Sid: 'PilotForceAlarms',
        Effect: 'Allow',
        Action: unique(Object.values(PROVISIONING_CLOUDWATCH_COMMANDS)),
        Resource: ENTITY_NAMES.map((entity) => `arn:aws:cloudwatch:${options.region ?? '*'}:${options.account ?? '*'}:alarm:${tableName(entity, options.prefix)}-*`),
      },
    ],
  };
}
