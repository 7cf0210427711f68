import type { Readable } from 'node:stream';
import type { EventSink, Handlers } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/result';
import type { StagedFile } from '@shared/api/uploads';
import type { AwsClients } from '../aws/clients';
import { type UploadQueue, type UploadQueueOptions, createUploadQueue } from './queue';
import { stageFromPath, stageFromStream } from './staging';
import { cachedThumbnail, previewUrl } from './viewing';

type UploadCallName =
  | 'uploads.stagePath'
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
  /** Resumes the journaled jobs: call once on start. */
  startUploadQueue(): Promise<void>;
  /** For the loopback server: the browser build streams a dropped file's bytes here. */
  stageFromStream(readable: Readable, meta: { fileName: string }): Promise<StagedFile>;
};

export type UploadServicesOptions = {
  clients: AwsClients;
  prefix: string;
  dataDir: string;
  events: EventSink;
} & Partial<Omit<UploadQueueOptions, 'clients' | 'prefix' | 'dataDir' | 'events'>>;

/** The `uploads.*` and `assets.*` calls, the upload queue behind them and the browser build's staging entry. */
export function createUploadHandlers(options: UploadServicesOptions): UploadServices {
  const { clients, dataDir } = options;
  const queue = createUploadQueue(options);
  const staging = { dataDir };
  return {
    queue,
    startUploadQueue: () => queue.start(),
    stageFromStream: (readable, meta) => stageFromStream(staging, readable, meta),
    handlers: {
      'uploads.stagePath': async ({ path }, context) => {
        // A path names a file on this machine: only the Electron preload (a real drop or dialog) may pass one,
        // never a page served over the loopback transport.
        if (context.transport !== 'electron') throw new ApiFailure('unauthorized', 'Files are added by dropping them on the window.');
        return stageFromPath(staging, path);
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
