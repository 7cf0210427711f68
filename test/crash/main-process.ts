/**
 * The app's main process for the crash harness, as `npm start` serves the browser build: the real main
 * services behind the loopback server on a fixed port with a fixed token (as `npm start` keeps one per
 * data folder: an open page's socket gets back in after a restart). Forked by the harness, which kills it with
 * SIGKILL. It tells the harness, over the fork channel, each time a request of a phase the harness aims
 * at starts (push, pull, initial Scan, staging, part, object, asset item), so a kill lands mid-request.
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BackendConfigSchema } from '@main/aws/config';
import { startLoopbackServer } from '@main/server/loopback-server';
import { type MainLog, createMainServices } from '@main/services';
import { S3_FAULT_KINDS, injectFaults, injectS3Faults } from '@test/support/fault-injection';
import { readJournals } from '@main/uploads/journal';
import { tableName } from '@shared/tables';
import type { MainPhase } from './phases';

export const CrashMainArgsSchema = z.object({
  backend: BackendConfigSchema,
  dataDir: z.string(),
  port: z.number().int(),
  token: z.string(),
  staticDir: z.string(),
  /** Chance per request of each injected fault (DynamoDB and S3); 0 for none. */
  faultRate: z.number().min(0).max(1),
  faultSeed: z.number().int(),
});
export type CrashMainArgs = z.infer<typeof CrashMainArgsSchema>;

export type CrashMainRequest = { id: number; type: 'faults-off' | 'uploads-idle' };
export type FaultCounts = Record<string, number>;
export type CrashMainMessage = { type: 'ready' } | { type: 'phase'; phase: MainPhase } | { type: 'faults'; counts: FaultCounts } | { id: number; value: unknown };

const send = (message: CrashMainMessage) => {
  // The harness may be gone (it stops us with SIGKILL anyway): nothing to do then.
  if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
};

async function main(): Promise<void> {
  const args = CrashMainArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const logFile = join(args.dataDir, 'main.log');
  const line = (level: string, message: string, details?: Record<string, unknown>) => {
    const cause = details?.error instanceof Error ? `: ${details.error.name}: ${details.error.message}` : '';
    appendFileSync(logFile, `${new Date().toISOString()} ${level} ${message}${cause}\n`);
  };
  const log: MainLog = { info: (message, details) => line('info', message, details), error: (message, details) => line('error', message, details) };
  const services = createMainServices({ backend: args.backend, dataDir: args.dataDir, log, connectivityIntervalMs: 1_000 });
  const prefix = args.backend.tablePrefix;

  const dynamoFaults = injectFaults(services.clients.dynamo, {
    seed: args.faultSeed,
    indexLagMs: args.faultRate > 0 ? 300 : 0,
    probabilities: { connectionReset: args.faultRate, timeout: args.faultRate, internalError: args.faultRate, serviceUnavailable: args.faultRate, throttling: args.faultRate, provisionedThroughputExceeded: args.faultRate, lostResponse: args.faultRate },
  });
  const s3Faults = injectS3Faults(services.clients.s3, {
    seed: args.faultSeed + 1,
    probabilities: Object.fromEntries(S3_FAULT_KINDS.map((kind) => [kind, args.faultRate])),
  });

  const syncTables = new Set([tableName('users', prefix), tableName('bookings', prefix)]);
  services.clients.dynamo.middlewareStack.add(
    (next, context) => (input) => {
      const request = input.input as { TableName?: string; IndexName?: string; Segment?: number; TransactItems?: Array<{ Put?: { TableName?: string } }> };
      const command = context.commandName ?? '';
      // The app writes a change with its history entry in one transaction (electron/main/history/record.ts); the
      // upload's asset item is the one such transaction that puts a whole new item.
      const assetItemWrite = command === 'TransactWriteItemsCommand' && request.TransactItems?.[0]?.Put?.TableName === tableName('assets', prefix);
      if (assetItemWrite) send({ type: 'phase', phase: 'asset-item' });
      else if (command === 'TransactWriteItemsCommand' || (command === 'UpdateItemCommand' && request.TableName && syncTables.has(request.TableName))) send({ type: 'phase', phase: 'push' });
      else if (command === 'QueryCommand' && request.IndexName === 'SyncIndex') send({ type: 'phase', phase: 'pull' });
      else if (command === 'ScanCommand' && request.Segment !== undefined) send({ type: 'phase', phase: 'scan' });
      return next(input);
    },
    { step: 'initialize', name: 'crashPhaseTap' },
  );
  services.clients.s3.middlewareStack.add(
    (next, context) => (input) => {
      const phase = ({ UploadPartCommand: 'multipart', CompleteMultipartUploadCommand: 'multipart', PutObjectCommand: 'put-object' } as Record<string, MainPhase>)[context.commandName ?? ''];
      if (phase) send({ type: 'phase', phase });
      return next(input);
    },
    { step: 'initialize', name: 'crashPhaseTap' },
  );
  const stageFromStream: typeof services.uploads.stageFromStream = (body, file) => {
    send({ type: 'phase', phase: 'staging' });
    return services.uploads.stageFromStream(body, file);
  };

  // Faults injected so far, for the figures: this process may die at any moment.
  const faultTotal = () => ({ ...dynamoFaults.counts, ...Object.fromEntries(Object.entries(s3Faults.counts).map(([kind, n]) => [`s3:${kind}`, n])) });
  setInterval(() => send({ type: 'faults', counts: faultTotal() }), 250).unref();

  services.start();
  await startLoopbackServer({ port: args.port, token: args.token, staticDir: args.staticDir, handlers: services.handlers, events: services.events, stageFromStream, log });

  process.on('message', (request: CrashMainRequest) => {
    (async () => {
      if (request.type === 'faults-off') {
        dynamoFaults.disable();
        s3Faults.disable();
        return send({ id: request.id, value: faultTotal() });
      }
      // The queue loads its journals in the background after a start: wait until it holds every journaled job, all finished.
      const finished = new Set(['done', 'failed', 'cancelled']);
      for (;;) {
        await services.uploads.queue.idle();
        const jobs = services.uploads.queue.list();
        const journaled = (await readJournals(args.dataDir)).jobs.length;
        if (jobs.length >= journaled && jobs.every((job) => finished.has(job.state))) return send({ id: request.id, value: jobs });
        await delay(200);
      }
    })().catch((error: unknown) => {
      // As a failed start: the parent sees this process end instead of waiting for an answer.
      console.error(error);
      process.exit(1);
    });
  });
  // Whoever started main (the harness, a test that timed out) is gone: main goes too, rather than run on orphaned.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
