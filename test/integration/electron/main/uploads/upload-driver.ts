/**
 * A main process that only runs the upload queue, for the crash tests: spawned with `node --import tsx`,
 * configured by PF_UPLOAD_DRIVER (JSON), killed with SIGKILL by the test or by itself at a chosen step.
 * Prints `part <n>` when S3 has answered an UploadPart (before the queue journals it).
 */
import { createAwsClients } from '@main/aws/clients';
import { BackendConfigSchema } from '@main/aws/config';
import { createUploadQueue } from '@main/uploads/queue';

type DriverConfig = {
  backend: unknown;
  dataDir: string;
  partSize: number;
  stagingId: string;
  userId: string;
  /** Where the process kills itself: never (the test kills it), right after `itemPending` is journaled, or right after the item write. */
  crashAt: 'none' | 'itemPending' | 'itemWritten';
  /** Holds each UploadPart this long, so the test can kill the process between parts. */
  partDelayMs: number;
};

const config = JSON.parse(process.env.PF_UPLOAD_DRIVER ?? '{}') as DriverConfig;
const backend = BackendConfigSchema.parse(config.backend);
const clients = createAwsClients(backend);
const die = () => process.kill(process.pid, 'SIGKILL');

clients.s3.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName !== 'UploadPartCommand') return next(args);
    await new Promise((resolve) => setTimeout(resolve, config.partDelayMs));
    const result = await next(args);
    process.stdout.write(`part ${(args.input as { PartNumber: number }).PartNumber}\n`);
    return result;
  },
  { step: 'initialize', name: 'driverPartTap' },
);
clients.doc.middlewareStack.add(
  (next, context) => async (args) => {
    const result = await next(args);
    // The asset item goes with its history entry in one transaction (electron/main/history/record.ts).
    if (config.crashAt === 'itemWritten' && /^TransactWrite(Items)?Command$/.test(context.commandName ?? '')) die();
    return result;
  },
  { step: 'initialize', name: 'driverItemTap' },
);

const queue = createUploadQueue({
  clients,
  prefix: backend.tablePrefix,
  dataDir: config.dataDir,
  partSize: config.partSize,
  partConcurrency: 1,
  events: {
    emit(event, payload) {
      if (config.crashAt === 'itemPending' && event === 'uploads.changed' && (payload as { state: string }).state === 'itemPending') die();
    },
  },
});
await queue.start();
await queue.enqueue({ stagingId: config.stagingId, userId: config.userId, tags: ['crash-test'] });
await queue.idle();
process.stdout.write('idle\n');
clients.destroy();
