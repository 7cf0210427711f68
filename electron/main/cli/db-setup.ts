import { Command } from 'commander';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { provisionAlarms } from '../ops/alarms';
import { type BackfillCursor, BackfillCursorSchema, type BackfillReport, backfill } from '../ops/backfill';
import { provision } from '../ops/provisioning';
import { ENTITY_NAMES } from '@shared/models';
import { type BackendCliOptions, UserError, addBackendOptions, integerOption, runWithBackend } from './backend-options';

/**
 * `npm run db:setup -- --endpoint <url> --prefix <p> [--dry-run] [--bucket b --s3-endpoint url]
 * [--kms-key-id k] [--alarms [--alarm-topic arn]] [--backfill]`: creates what is missing (tables, indexes,
 * TTL, protections, bucket, CloudWatch alarms), never deletes; with --backfill adopts items written
 * without sync attributes, resumably.
 * Progress goes to stderr, the JSON report to stdout.
 */
type SetupOptions = BackendCliOptions & {
  dryRun?: boolean;
  kmsKeyId?: string;
  alarms?: boolean;
  alarmTopic?: string;
  backfill?: boolean;
  backfillState: string;
  backfillRate?: number;
  backfillSegments: number;
};

type BackfillState = Partial<Record<string, BackfillCursor>>;

async function readState(path: string): Promise<BackfillState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  const parsed = BackfillCursorSchema.array().safeParse(Object.values(JSON.parse(text) as object));
  if (!parsed.success) throw new UserError(`${path} is not a backfill state file: delete it to start over`);
  return Object.fromEntries(parsed.data.map((cursor) => [cursor.entity, cursor]));
}

/** Written to a temporary file and renamed, so an interrupted run never leaves half a state file. */
async function writeState(path: string, state: BackfillState): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(state, null, 2));
  await rename(`${path}.tmp`, path);
}

const program = addBackendOptions(
  new Command('db:setup')
    .description('Create or complete the PilotForce tables (and bucket); optionally adopt items without sync attributes')
    .option('--dry-run', 'print the plan, change nothing')
    .option('--bucket <name>', 'also create and harden this S3 bucket')
    .option('--s3-endpoint <url>', 'S3 endpoint (s3rver); AWS when absent')
    .option('--kms-key-id <id>', 'customer-managed KMS key (default: the AWS-managed key)')
    .option('--alarms', 'CloudWatch alarms for throttled requests and system errors of each table (AWS only)')
    .option('--alarm-topic <arn>', 'SNS topic the alarms notify')
    .option('--backfill', 'adopt items written without version/syncBucket (resumable)')
    .option('--backfill-state <file>', 'where the backfill keeps its position', '.pf-backfill-state.json')
    .option('--backfill-rate <items/s>', 'limit adoptions per second', integerOption('--backfill-rate', 1))
    .option('--backfill-segments <n>', 'parallel Scan segments', integerOption('--backfill-segments', 1), 4),
).action((options: SetupOptions) =>
  runWithBackend(options, async (clients) => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const provisioned = await provision(clients, {
      prefix: options.prefix,
      ...(options.bucket ? { bucket: options.bucket } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.kmsKeyId ? { kmsKeyId: options.kmsKeyId } : {}),
      log,
    });
    const alarms = options.alarms
      ? {
          alarms: await provisionAlarms(clients.config, {
            prefix: options.prefix,
            ...(options.alarmTopic ? { topicArn: options.alarmTopic } : {}),
            ...(options.dryRun ? { dryRun: true } : {}),
            log,
          }),
        }
      : {};
    if (!options.backfill) return { provision: provisioned, ...alarms };
    if (options.dryRun) return { provision: provisioned, ...alarms, backfill: 'skipped in a dry run' };
    const state = await readState(options.backfillState);
    const reports: BackfillReport[] = [];
    // Segments report progress concurrently: saves run one after another.
    let saving = Promise.resolve();
    for (const entity of ENTITY_NAMES) {
      const cursor = state[entity];
      if (cursor?.segments.every((s) => s.done)) continue;
      const report = await backfill(clients, {
        entity,
        prefix: options.prefix,
        segments: options.backfillSegments,
        ...(cursor ? { cursor } : {}),
        ...(options.backfillRate ? { maxItemsPerSecond: options.backfillRate } : {}),
        onProgress: (progress) => {
          const snapshot = { ...state, [entity]: structuredClone(progress) };
          saving = saving.then(() => writeState(options.backfillState, snapshot));
          return saving;
        },
      });
      state[entity] = report.cursor;
      log(`${entity}: backfill adopted ${report.adopted} of ${report.scanned} scanned (${report.skipped} written meanwhile by others)`);
      reports.push(report);
    }
    // Done: the next --backfill starts a fresh pass.
    await rm(options.backfillState, { force: true });
    return { provision: provisioned, ...alarms, backfill: reports };
  }),
);

await program.parseAsync();
