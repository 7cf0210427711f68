import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import PQueue from 'p-queue';
import type { EventSink } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/result';
import type { UploadJob } from '@shared/api/uploads';
import { assetObjectKey } from '@shared/uploads/accepted';
import type { AwsClients } from '../aws/clients';
import { calibrateClock } from '../sync/write-time';
import { writeAssetItem } from './asset-item';
import { type JobRecord, forgetJournal, readJournals, writeJournal } from './journal';
import { DEFAULT_RETRY, FinalFailure, type RetryPolicy, classifyDynamoFailure, withRetries } from './retry';
import { adoptThumbnail, discardStaged, readStagedRecord, stagedFilePath, thumbnailPath } from './staging';
import { discardRemote, sentBytes, transferObject } from './transfer';

export type UploadQueueOptions = {
  clients: AwsClients;
  /** Table prefix of the deployment. */
  prefix: string;
  dataDir: string;
  events: EventSink;
  /** Files larger than this go in parts of this size (S3's minimum part is 5 MiB). */
  partSize?: number;
  /** Parts in flight across all jobs. */
  partConcurrency?: number;
  /** Jobs transferring at once. */
  jobConcurrency?: number;
  retry?: RetryPolicy;
  /** Least time between two progress events of a job. */
  progressIntervalMs?: number;
};

export type UploadQueue = {
  /** Loads the journals and resumes every unfinished, unpaused job. */
  start(): Promise<void>;
  enqueue(input: { stagingId: string; userId: string; tags: string[]; document?: JobRecord['document']; uploadedBy?: string }): Promise<UploadJob>;
  list(): UploadJob[];
  /** Drops a staged file no job uses; true when there was one. */
  discard(stagingId: string): Promise<boolean>;
  /** Whether a job (in any state) was made from this staged file. */
  usesStaging(stagingId: string): boolean;
  pause(jobId: string): Promise<UploadJob>;
  resume(jobId: string): Promise<UploadJob>;
  cancel(jobId: string): Promise<UploadJob>;
  /** Resolves when no job is running (paused and finished jobs do not count). */
  idle(): Promise<void>;
  /** Stops every transfer where it is; the journals keep what was finished. */
  stop(): Promise<void>;
};

type Entry = {
  record: JobRecord;
  /** Serializes the job's journal writes. */
  writes: Promise<unknown>;
  controller?: AbortController;
  running?: Promise<void>;
  /** Set while a pause or cancel stops the job, so the scheduler does not start it again meanwhile. */
  halting?: boolean;
  progress: { startedAt: number; startBytes: number; lastEmit: number; bytes: number };
};

const MIB = 1024 * 1024;
const ACTIVE_STATES = new Set(['queued', 'uploading', 'objectComplete', 'itemPending']);
const FINISHED_KEPT_MS = 7 * 24 * 3600_000;

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const { clients, prefix, dataDir, events } = options;
  const partSize = Math.max(5 * MIB, options.partSize ?? 8 * MIB);
  const jobConcurrency = options.jobConcurrency ?? 2;
  const policy = options.retry ?? DEFAULT_RETRY;
  const progressIntervalMs = options.progressIntervalMs ?? 250;
  const parts = new PQueue({ concurrency: options.partConcurrency ?? 4 });
  const entries = new Map<string, Entry>();
  const idleWaiters: Array<() => void> = [];
  let stopped = false;

  const view = (entry: Entry): UploadJob => {
    const job = entry.record;
    return {
      jobId: job.jobId,
      assetId: job.assetId,
      fileName: job.fileName,
      mimeType: job.mimeType,
      assetType: job.assetType,
      size: job.size,
      userId: job.userId,
      tags: job.tags,
      state: job.state,
      paused: job.paused,
      bytesSent: Math.max(entry.progress.bytes, sentBytes(job)),
      ...(job.error ? { error: job.error } : {}),
      ...(job.notice ? { notice: job.notice } : {}),
      createdAt: job.createdAt,
    };
  };

  /** Applies a change in memory at once and journals it; resolves when it is on disk. */
  const update = (entry: Entry, patch: Partial<JobRecord>, announce = true): Promise<JobRecord> => {
    entry.record = { ...entry.record, ...patch };
    const snapshot = entry.record;
    const written = entry.writes.then(() => writeJournal(dataDir, snapshot));
    entry.writes = written.catch(() => undefined);
    return written.then(() => {
      if (announce) events.emit('uploads.changed', view(entry));
      return snapshot;
    });
  };

  const reportBytes = (entry: Entry, bytes: number, force = false) => {
    const progress = entry.progress;
    progress.bytes = bytes;
    const now = performance.now();
    if (!force && now - progress.lastEmit < progressIntervalMs) return;
    progress.lastEmit = now;
    const seconds = (now - progress.startedAt) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.max(0, (bytes - progress.startBytes) / seconds) : 0;
    events.emit('uploads.progress', {
      jobId: entry.record.jobId,
      bytesSent: bytes,
      size: entry.record.size,
      bytesPerSecond,
      etaSeconds: bytesPerSecond > 0 ? (entry.record.size - bytes) / bytesPerSecond : null,
    });
  };

  const runJob = async (entry: Entry, signal: AbortSignal): Promise<void> => {
    const stagedPath = stagedFilePath(dataDir, entry.record.stagingId);
    const bytes = sentBytes(entry.record);
    entry.progress = { startedAt: performance.now(), startBytes: bytes, lastEmit: 0, bytes };
    try {
      if (entry.record.state === 'queued') await update(entry, { state: 'uploading', error: undefined });
      if (entry.record.state === 'uploading') {
        const etag = await transferObject({
          s3: clients.s3,
          parts,
          policy,
          signal,
          stagedPath,
          update: (patch) => update(entry, patch, false),
          current: () => entry.record,
          onBytes: (sent) => reportBytes(entry, sent),
          onRetry: (reason) => {
            entry.record = { ...entry.record, error: `Waiting to retry: ${reason}` };
            events.emit('uploads.changed', view(entry));
          },
        });
        reportBytes(entry, entry.record.size, true);
        await update(entry, { state: 'objectComplete', etag, error: undefined });
      }
      if (entry.record.state === 'objectComplete') {
        await withRetries(() => calibrateClock(clients, prefix), { signal, policy, classify: classifyDynamoFailure });
        // The item's timestamps are fixed before the write, so a write retried after a crash is the same item.
        await update(entry, { state: 'itemPending', itemCreatedAt: clients.clock.nowIso() });
      }
      if (entry.record.state === 'itemPending') {
        await withRetries(() => writeAssetItem(clients, prefix, entry.record, signal), { signal, policy, classify: classifyDynamoFailure });
        await update(entry, { state: 'done', error: undefined });
        await discardStaged(dataDir, entry.record.stagingId);
        events.emit('sync.poke', { reason: 'upload', entity: 'assets' });
      }
    } catch (error) {
      if (signal.aborted) return; // paused, cancelled or stopped: each of those journals its own state
      const reason = error instanceof FinalFailure ? error.message : 'The upload failed unexpectedly.';
      await update(entry, { state: 'failed', error: reason });
    }
  };

  const isRunnable = (entry: Entry) =>
    ACTIVE_STATES.has(entry.record.state) && !entry.record.paused && !entry.running && !entry.halting;

  const schedule = () => {
    if (stopped) return;
    let running = [...entries.values()].filter((entry) => entry.running !== undefined).length;
    for (const entry of entries.values()) {
      if (running >= jobConcurrency) break;
      if (!isRunnable(entry)) continue;
      running++;
      const controller = new AbortController();
      entry.controller = controller;
      entry.running = runJob(entry, controller.signal)
        .catch(() => undefined) // a failed journal write leaves the job for the next start
        .finally(() => {
          entry.running = undefined;
          entry.controller = undefined;
          schedule();
          notifyIdle();
        });
    }
    notifyIdle();
  };

  const notifyIdle = () => {
    if ([...entries.values()].some((entry) => entry.running !== undefined)) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const entryOf = (jobId: string): Entry => {
    const entry = entries.get(jobId);
    if (!entry) throw new ApiFailure('not_found', 'No such upload.');
    return entry;
  };

  /** Stops the job's run, then journals what it became (paused, cancelled) before it may be scheduled again. */
  const halt = async (entry: Entry, then: () => Promise<unknown>) => {
    entry.halting = true;
    try {
      entry.controller?.abort();
      await entry.running;
      await then();
    } finally {
      entry.halting = false;
    }
  };

  const addEntry = (record: JobRecord): Entry => {
    const bytes = sentBytes(record);
    const entry: Entry = { record, writes: Promise.resolve(), progress: { startedAt: 0, startBytes: bytes, lastEmit: 0, bytes } };
    entries.set(record.jobId, entry);
    return entry;
  };

  return {
    async start() {
      stopped = false;
      const { jobs } = await readJournals(dataDir);
      for (const job of jobs) {
        const finished = job.state === 'done' || job.state === 'cancelled';
        // Finished jobs stay listed for a week, then their journals go.
        if (finished && Date.now() - Date.parse(job.createdAt) > FINISHED_KEPT_MS) await forgetJournal(dataDir, job.jobId);
        else if (!entries.has(job.jobId)) addEntry(job);
      }
      schedule();
    },

    async enqueue({ stagingId, userId, tags, document, uploadedBy }) {
      const staged = await readStagedRecord(dataDir, stagingId);
      if (!staged) throw new ApiFailure('not_found', 'That file is no longer staged; add it again.');
      if ([...entries.values()].some((entry) => entry.record.stagingId === stagingId)) {
        throw new ApiFailure('conflict', 'That file is already queued.');
      }
      const assetId = randomUUID();
      const record: JobRecord = {
        jobId: randomUUID(),
        stagingId,
        assetId,
        userId,
        tags,
        ...(document ? { document } : {}),
        ...(uploadedBy ? { uploadedBy } : {}),
        fileName: staged.fileName,
        mimeType: staged.mimeType,
        assetType: staged.assetType,
        size: staged.size,
        checksum: staged.checksum,
        md5: staged.md5,
        ...(staged.width !== undefined ? { width: staged.width } : {}),
        ...(staged.height !== undefined ? { height: staged.height } : {}),
        bucket: clients.config.bucket,
        s3Key: assetObjectKey(userId, assetId, staged.fileName),
        partSize: staged.size > partSize ? Math.max(partSize, Math.ceil(staged.size / 10_000)) : 0,
        state: 'queued',
        paused: false,
        parts: [],
        createdAt: new Date().toISOString(),
      };
      const entry = addEntry(record);
      await update(entry, {});
      await adoptThumbnail(dataDir, stagingId, assetId);
      schedule();
      return view(entry);
    },

    list: () => [...entries.values()].map(view),

    usesStaging: (stagingId) => [...entries.values()].some((entry) => entry.record.stagingId === stagingId),

    async discard(stagingId) {
      const owner = [...entries.values()].find((entry) => entry.record.stagingId === stagingId);
      if (owner && ACTIVE_STATES.has(owner.record.state)) throw new ApiFailure('conflict', 'That file is being uploaded; cancel the upload instead.');
      return discardStaged(dataDir, stagingId);
    },

    async pause(jobId) {
      const entry = entryOf(jobId);
      if (!ACTIVE_STATES.has(entry.record.state) || entry.record.paused) return view(entry);
      await halt(entry, () => update(entry, { paused: true }));
      schedule();
      return view(entry);
    },

    async resume(jobId) {
      const entry = entryOf(jobId);
      if (entry.record.state === 'failed') {
        await update(entry, { state: entry.record.etag ? 'objectComplete' : 'uploading', paused: false, error: undefined });
      } else if (entry.record.paused) {
        await update(entry, { paused: false });
      }
      schedule();
      return view(entry);
    },

    async cancel(jobId) {
      const entry = entryOf(jobId);
      const { state } = entry.record;
      if (state === 'done' || state === 'cancelled') return view(entry);
      if (state === 'objectComplete' || state === 'itemPending') {
        throw new ApiFailure('conflict', 'The file is already uploaded; its asset is being saved and can be deleted from the grid.');
      }
      await halt(entry, async () => {
        let notice: string | undefined;
        try {
          notice = await discardRemote(clients.s3, entry.record);
        } catch {
          notice = 'S3 could not be reached to clean up; the bucket lifecycle rule removes the unfinished upload on S3.';
        }
        await update(entry, { state: 'cancelled', paused: false, error: undefined, ...(notice ? { notice } : {}) });
      });
      await discardStaged(dataDir, entry.record.stagingId);
      await rm(thumbnailPath(dataDir, entry.record.assetId), { force: true });
      schedule();
      return view(entry);
    },

    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        notifyIdle();
      });
    },

    async stop() {
      stopped = true;
      await Promise.all([...entries.values()].map((entry) => halt(entry, async () => undefined)));
      await Promise.all([...entries.values()].map((entry) => entry.writes));
    },
  };
}
