import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_DYNAMODB_COMMANDS,
  APP_S3_COMMANDS,
  PROVISIONING_DYNAMODB_COMMANDS,
  PROVISIONING_CLOUDWATCH_COMMANDS,
  PROVISIONING_S3_COMMANDS,
  UNGATED_COMMANDS,
  appPolicy,
  provisioningPolicy,
} from '@main/ops/iam-policy';

/** Files only administrators run (CLIs, provisioning, seeding: on a first start only against the local backend). */
const ADMIN_ONLY = [
  /^electron\/main\/cli\//,
  /^electron\/main\/ops\/(provisioning|backfill|batch-write|sample-data|sample-files|seed|local-backend|backups|alarms|restore-copy|trim-history|reconcile-slots)\.ts$/,
];
/** The only places a Scan is right: the initial sync and the rate-limited reconciliation (issue 10, "Cost"). */
const SCAN_ALLOWED = [/^electron\/main\/sync\/(initial-scan|reconcile)\.ts$/];

/** lib-storage's Upload sends these S3 commands on its own. */
const UPLOAD_COMMANDS = ['PutObjectCommand', 'CreateMultipartUploadCommand', 'UploadPartCommand', 'CompleteMultipartUploadCommand', 'AbortMultipartUploadCommand'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(process.cwd(), path)] : [];
  });
}

/** SDK commands a file sends: the `*Command` names it imports from `@aws-sdk/*`, and Upload's own. */
function commandsSentBy(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const names: string[] = [];
  for (const match of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/([\w-]+)'/g)) {
    const imported = (match[1] ?? '').split(',').map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0] ?? '');
    if (/^import\s+type/.test(match[0])) continue;
    names.push(...imported.filter((name) => name.endsWith('Command') && !/^type\s/.test(name)));
    if (match[2] === 'lib-storage' && imported.includes('Upload')) names.push(...UPLOAD_COMMANDS);
  }
  // A write with its history entry is sent by electron/main/history/record.ts on its caller's behalf.
  for (const match of source.matchAll(/import\s+\{([^}]*)\}\s+from\s+'(?:\.\.\/history|@main\/history)\/record'/g)) {
    const imported = (match[1] ?? '').split(',').map((part) => part.trim());
    if (imported.includes('writeWithHistory')) names.push(...HISTORY_WRITE_COMMANDS, 'GetCommand');
    if (imported.includes('transactWithHistory')) names.push(...HISTORY_WRITE_COMMANDS);
  }
  return names;
}

const HISTORY_WRITE_COMMANDS = ['TransactWriteCommand'];

const files = sourceFiles('electron/main');
const appFiles = files.filter((file) => !ADMIN_ONLY.some((pattern) => pattern.test(file)));
const adminFiles = files.filter((file) => ADMIN_ONLY.some((pattern) => pattern.test(file)));
const actionOf = (command: string) => APP_DYNAMODB_COMMANDS[command] ?? APP_S3_COMMANDS[command];
const ungated = (command: string) => Object.hasOwn(UNGATED_COMMANDS, command);
const options = { prefix: 'test-', bucket: 'pf-assets' };

describe('the app policy', () => {
  const sent = new Map(appFiles.map((file) => [file, commandsSentBy(file)]));

  it('covers every DynamoDB and S3 command the app sends', () => {
    const uncovered = [...sent].flatMap(([file, commands]) =>
      commands.filter((command) => !actionOf(command) && !ungated(command)).map((command) => `${file}: ${command}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('grants nothing the app does not send', () => {
    const needed = new Set([...sent.values()].flat().flatMap((command) => [actionOf(command) ?? []].flat()));
    const granted = appPolicy(options).Statement.flatMap((statement) => statement.Action);
    expect(granted.filter((action) => !needed.has(action))).toEqual([]);
  });

  it('names only the four tables, their indexes and the bucket prefix for objects', () => {
    const resources = appPolicy(options).Statement.flatMap((statement) => statement.Resource);
    for (const resource of resources) {
      expect(resource).toMatch(/^arn:aws:dynamodb:\*:\*:table\/test-PilotForce-(Resources|Users|Bookings|Assets)(\/index\/\*)?$|^arn:aws:dynamodb:\*:\*:table\/test-PilotForce-History$|^arn:aws:s3:::pf-assets\/users\/\*$/);
    }
    // The Resources table is synced like the others: its items and its indexes (SyncIndex, ResourceTypeIndex).
    expect(resources).toContain('arn:aws:dynamodb:*:*:table/test-PilotForce-Resources');
    expect(resources).toContain('arn:aws:dynamodb:*:*:table/test-PilotForce-Resources/index/*');
    // The history table: written with each change, read by item; it has no index.
    expect(resources).toContain('arn:aws:dynamodb:*:*:table/test-PilotForce-History');
    expect(resources).not.toContain('arn:aws:dynamodb:*:*:table/test-PilotForce-History/index/*');
  });

  it('lets the app use a customer-managed KMS key for objects only when one is given', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(appPolicy({ ...options, kmsKeyArn: key }).Statement.at(-1)).toEqual({
      Sid: 'PilotForceAssetKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [key],
    });
    expect(appPolicy(options).Statement.flatMap((statement) => statement.Action).filter((action) => action.startsWith('kms:'))).toEqual([]);
  });

  it('sends a Scan only from the initial sync and the reconciliation', () => {
    const scanning = [...sent].filter(([, commands]) => commands.includes('ScanCommand')).map(([file]) => file);
    expect(scanning.filter((file) => !SCAN_ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
  });
});

describe('the provisioning policy', () => {
  const provisioningAction = (command: string) =>
    PROVISIONING_DYNAMODB_COMMANDS[command] ?? PROVISIONING_S3_COMMANDS[command] ?? PROVISIONING_CLOUDWATCH_COMMANDS[command];

  it('covers every command the administration tools send', () => {
    const uncovered = adminFiles.flatMap((file) =>
      commandsSentBy(file)
        .filter((command) => !provisioningAction(command))
        .map((command) => `${file}: ${command}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('grants nothing the administration tools do not send', () => {
    const needed = new Set(adminFiles.flatMap(commandsSentBy).flatMap((command) => [provisioningAction(command) ?? []].flat()));
    const granted = provisioningPolicy(options).Statement.flatMap((statement) => statement.Action);
    expect(granted.filter((action) => !needed.has(action))).toEqual([]);
  });
});
