import { ENTITY_NAMES } from '../../../shared/models';
import { tableName } from '../../../shared/tables';

/**
 * Least-privilege IAM policies, generated from the same table definitions the app uses. The app's
 * policy grants only the calls the app's main process sends; provisioning gets its own policy.
 */
export type PolicyOptions = {
  prefix: string;
  bucket: string;
  region?: string;
  account?: string;
};

type Statement = { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string[] };
export type PolicyDocument = { Version: '2012-10-17'; Statement: Statement[] };

/** SDK command name -> the IAM action it needs. Commands listed here are the only ones the app may send. */
export const APP_DYNAMODB_COMMANDS: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  QueryCommand: 'dynamodb:Query',
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
  GetObjectCommand: 's3:GetObject',
  HeadObjectCommand: 's3:GetObject',
};

/** Administration only the provisioning, seeding and backup CLIs need. */
export const PROVISIONING_DYNAMODB_ACTIONS = [
  'dynamodb:CreateTable',
  'dynamodb:UpdateTable',
  'dynamodb:DescribeTable',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:DescribeTimeToLive',
  'dynamodb:UpdateContinuousBackups',
  'dynamodb:DescribeContinuousBackups',
  'dynamodb:CreateBackup',
  'dynamodb:ListBackups',
  'dynamodb:TagResource',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
];
export const PROVISIONING_S3_ACTIONS = [
  's3:CreateBucket',
  's3:PutBucketPublicAccessBlock',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:GetBucketLocation',
];
export const PROVISIONING_OTHER_ACTIONS = ['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms'];

function tableArns({ prefix, region = '*', account = '*' }: PolicyOptions): string[] {
  return ENTITY_NAMES.flatMap((entity) => {
    const arn = `arn:aws:dynamodb:${region}:${account}:table/${tableName(entity, prefix)}`;
    return [arn, `${arn}/index/*`];
  });
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
        Action: unique(Object.values(APP_DYNAMODB_COMMANDS)),
        Resource: tableArns(options),
      },
      {
        Sid: 'PilotForceAssetObjects',
        Effect: 'Allow',
        Action: unique(Object.values(APP_S3_COMMANDS)),
        Resource: [`arn:aws:s3:::${options.bucket}/users/*`],
      },
    ],
  };
}

/** The policy of whoever runs `db:setup`, `db:seed` and `db:backup` (an administrator, not the app). */
export function provisioningPolicy(options: PolicyOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PilotForceTableAdmin', Effect: 'Allow', Action: unique(PROVISIONING_DYNAMODB_ACTIONS), Resource: tableArns(options) },
      {
        Sid: 'PilotForceBackups',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeBackup', 'dynamodb:RestoreTableToPointInTime', 'dynamodb:RestoreTableFromBackup'],
        Resource: [`arn:aws:dynamodb:${options.region ?? '*'}:${options.account ?? '*'}:table/${options.prefix}PilotForce-*`],
      },
      { Sid: 'PilotForceBucketAdmin', Effect: 'Allow', Action: unique(PROVISIONING_S3_ACTIONS), Resource: [`arn:aws:s3:::${options.bucket}`] },
      { Sid: 'PilotForceAlarms', Effect: 'Allow', Action: unique(PROVISIONING_OTHER_ACTIONS), Resource: ['*'] },
    ],
  };
}
