import type { Readable } from 'node:stream';
import type { EventSink, Handlers } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/result';
import type { StagedFile } from '@shared/api/uploads';
import type { AwsClients } from '../aws/clients';
import { type UploadQueue, type UploadQueueOptions, createUploadQueue } from './queue';
import { type StagingLimits, createStagingArea } from './staging';
import { cachedThumbnail, previewUrl } from './viewing';

type UploadCallName =
  | 'uploads.stagePath'
  | 'uploads.staged'
  | 'uploads.discard'
  | 'uploads.enqueue'
  | 'uploads.list'
  | 'uploads.pause'
  | 'uploads.resume'
  | 'uploads.cancel'
  | 'assets.previewUrl'
  | 'assets.thumbnail';

export type UploadServices = {
  handlers: Pick<Handlers, UploadCallName>;
  queue: UploadQueue;
  /** Resumes the journaled jobs and starts discarding staged files left unqueued too long: call once on start. */
  startUploadQueue(): Promise<void>;
  /** Stops the queue and the discarding of old staged files. */
  stop(): Promise<void>;
  /** For the loopback server: the browser build streams a dropped file's bytes here (`size` from Content-Length). */
  stageFromStream(readable: Readable, meta: { fileName: string; size?: number }): Promise<StagedFile>;
};

export type UploadServicesOptions = {
  clients: AwsClients;
  prefix: string;
  dataDir: string;
  events: EventSink;
  /** The staging quota and how long unqueued files are kept (DEFAULT_STAGING_LIMITS otherwise). */
  stagingLimits?: Partial<StagingLimits>;
} & Partial<Omit<UploadQueueOptions, 'clients' | 'prefix' | 'dataDir' | 'events'>>;

/** The `uploads.*` and `assets.*` calls, the upload queue behind them and the browser build's staging entry. */
export function createUploadHandlers(options: UploadServicesOptions): UploadServices {
  const { clients, dataDir } = options;
  const queue = createUploadQueue(options);
  const staging = createStagingArea({
    dataDir,
    isQueued: (stagingId) => queue.usesStaging(stagingId),
    ...(options.stagingLimits ? { limits: options.stagingLimits } : {}),
  });
  let pruning: ReturnType<typeof setInterval> | undefined;
  return {
    queue,
    async startUploadQueue() {
      await queue.start();
      // After the journals are read, so a file a job still needs is never taken for a forgotten one.
      await staging.prune();
      pruning ??= setInterval(() => void staging.prune().catch(() => undefined), staging.limits.pruneIntervalMs);
      pruning.unref();
    },
    async stop() {
      clearInterval(pruning);
      pruning = undefined;
      await queue.stop();
    },
    stageFromStream: (readable, meta) => staging.fromStream(readable, meta),
    handlers: {
      'uploads.stagePath': async ({ path }, context) => {
        // A path names a file on this machine: only the Electron preload (a real drop or dialog) may pass one,
        // never a page served over the loopback transport.
        if (context.transport !== 'electron') throw new ApiFailure('unauthorized', 'Files are added by dropping them on the window.');
        return staging.fromPath(path);
      },
      'uploads.staged': async () => {
        const { files, totalBytes } = await staging.unqueued();
        return { files, totalBytes, quotaBytes: staging.limits.quotaBytes };
      },
      'uploads.discard': async ({ stagingId }) => ({ discarded: await queue.discard(stagingId) }),
      'uploads.enqueue': (input) => queue.enqueue(input),
      'uploads.list': async () => ({ jobs: queue.list() }),
      'uploads.pause': ({ jobId }) => queue.pause(jobId),
      'uploads.resume': ({ jobId }) => queue.resume(jobId),
      'uploads.cancel': ({ jobId }) => queue.cancel(jobId),
      'assets.previewUrl': ({ s3Key }) => previewUrl(clients, s3Key),
      'assets.thumbnail': async ({ assetId, s3Key }) => ({ dataUrl: await cachedThumbnail(clients, dataDir, assetId, s3Key) }),
    },
  };
}
