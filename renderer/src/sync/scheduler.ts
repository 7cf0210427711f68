import { liveQuery } from 'dexie';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import type { ApiClient } from '@shared/api/contract';
import { localEditMark, readMeta, writeMeta } from '../db/meta';
import type { PilotForceDb } from '../db/schema';
import { activeOutbox } from '../db/view';
import { SyncCallError } from './call';
import { ACTIVE_WINDOW_MS, nextCycleDelay } from './cadence';
import { askTheUser, resolveConflict, type ConflictHandler } from './conflicts';
import { pullEntity } from './downstream';
import { initialSync, type InitialSyncProgress } from './initial-sync';
import { DEFAULT_PUSH_CONFIG, pushOnce, type PushConfig } from './upstream';

export type SyncState = 'offline' | 'syncing' | 'idle' | 'error';

/** What every window shows about sync: offline is a normal state, not an error. */
export type SyncStatus = {
  state: SyncState;
  /** Mutations not yet on the server (parked ones excluded). */
  pending: number;
  conflicts: number;
  rejected: number;
  lastSyncedAt: string | null;
  error: string | null;
  initialSync: InitialSyncProgress | null;
};

/** The part of the status only the syncing window knows; kept in `meta` so every window can read it. */
type LoopStatus = Pick<SyncStatus, 'state' | 'lastSyncedAt' | 'error' | 'initialSync'>;
const LOOP_STATUS = 'syncStatus';
const SYNC_REQUESTED = 'syncRequestedAt';

export type SyncOptions = {
  push: PushConfig;
  pullLimit: number;
  scanSegments: number;
  scanLimit: number;
  /** Wait after a local edit before syncing, so a burst of edits goes in one push. */
  debounceMs: number;
  /** Between cycles when nobody uses this desk's window, or it is hidden. */
  intervalMs: number;
  /** Between cycles while the window is visible and used (a key or pointer within the last two minutes): other desks' changes within seconds. */
  activeIntervalMs: number;
  conflictHandler: ConflictHandler;
  /** Web Locks name: one sync loop per database across windows and tabs. */
  lockName: string;
  /**
   * A cycle still running after this long asks main whether DynamoDB answers (`connectivity.check`, a probe of
   * a few seconds), and again as often while it runs: a hanging link is shown offline within seconds,
   * not when a request times out.
   */
  probeAfterMs: number;
  /** How often edits made during a long pull (a first sync) are pushed before it ends. */
  pushDuringPullMs: number;
};

export type CycleReport = {
  pushed: number;
  acknowledged: number;
  pulledChanged: number;
  /** Active mutations left in the outbox after the cycle. */
  pending: number;
  conflicts: number;
  nextRetryAt: number | null;
  failure: SyncCallError | null;
};

type LockManagerLike = { request(name: string, callback: () => Promise<void>): Promise<void> };

/**
 * The sync loop: push, pull every entity (initial sync or full resync when needed), push again.
 * It runs on start, after local edits (debounced, from any window), on a poke from main, on an
 * interval, when connectivity returns, and when a backoff ends. Cycles never overlap, and with the
 * Web Locks API only one window runs the loop; the others only request syncs and show the status.
 */
export class SyncClient {
  readonly options: SyncOptions;
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<CycleReport> | null = null;
  private leading = false;
  private online = true;
  /** Main said online while a cycle was running (that cycle may still end offline): run another after it. */
  private onlineDuringCycle = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private cleanups: Array<() => void> = [];
  private releaseLock: (() => void) | null = null;

  constructor(
    readonly db: PilotForceDb,
    readonly api: ApiClient,
    options: Partial<SyncOptions> = {},
  ) {
    this.options = {
      push: DEFAULT_PUSH_CONFIG,
      pullLimit: 500,
      // Bench P1/P6: a parallel Scan is much faster at 8 segments than at 4, and half-size pages keep what
      // main holds at once (one page per segment, 3 tables) no larger than 4 segments of 1000 with prefetch.
      scanSegments: 8,
      scanLimit: 500,
      debounceMs: 300,
      intervalMs: 60_000,
      // A cycle every 3 s while in use: another desk's change shows within 5 s (a cycle's own time on top).
      activeIntervalMs: 3_000,
      conflictHandler: askTheUser,
      lockName: `pilotforce-sync:${db.name}`,
      probeAfterMs: 1_500,
      pushDuringPullMs: 1_000,
      ...options,
    };
  }

  /** Starts the loop in this window, or waits to take over when the window running it closes. */
  start(): void {
    const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
    if (!locks) {
      this.lead();
      return;
    }
    locks
      .request(this.options.lockName, () => new Promise<void>((release) => {
        this.releaseLock = release;
        this.lead();
      }))
      .catch((error: unknown) => this.failed(error));
  }

  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.leading = false;
    this.releaseLock?.();
    this.releaseLock = null;
  }

  /** Asks for a sync soon, from any window (the leading one sees the request through the database). */
  async requestSync(): Promise<void> {
    if (this.leading) this.schedule(0);
    else await writeMeta(this.db, SYNC_REQUESTED, Date.now());
  }

  /** Runs one cycle now (after any running one). Tests use it through `awaitInSync`. */
  syncNow(): Promise<CycleReport> {
    const run = this.chain.then(() => this.cycle());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The status, live, from any window. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    const subscription = liveQuery(() => readStatus(this.db)).subscribe({ next: listener, error: () => undefined });
    return () => subscription.unsubscribe();
  }

  private lead(): void {
    this.leading = true;
    const debounced = debounce(() => this.schedule(0), this.options.debounceMs, this.timers);
    const watch = liveQuery(async () => [await localEditMark(this.db), await readMeta(this.db, SYNC_REQUESTED)]);
    let first = true;
    const subscription = watch.subscribe({
      next: () => {
        // The first value is the state at start, not a change.
        if (first) first = false;
        else debounced();
      },
      error: () => undefined,
    });
    this.cleanups.push(() => subscription.unsubscribe());
    this.cleanups.push(this.api.on('sync.poke', () => this.schedule(0)));
    this.cleanups.push(
      this.api.on('connectivity.changed', ({ online }) => {
        this.online = online;
        if (online && this.queued) this.onlineDuringCycle = true;
        if (online) this.schedule(0);
        else this.writeLoopStatus({ state: 'offline', error: null }).catch(statusNotWritten);
      }),
    );
    this.cleanups.push(this.watchActivity());
    this.tick();
    this.schedule(0);
  }

  private lastActivityAt = Date.now();

  /** Notes key and pointer use of this window (the cadence follows it). */
  private watchActivity(): () => void {
    const doc = (globalThis as { document?: { addEventListener(type: string, listener: () => void, options?: { passive?: boolean; capture?: boolean }): void; removeEventListener(type: string, listener: () => void, options?: { capture?: boolean }): void } }).document;
    if (!doc) return () => undefined;
    const seen = () => {
      const wasIdle = Date.now() - this.lastActivityAt > ACTIVE_WINDOW_MS;
      this.lastActivityAt = Date.now();
      // Back from a pause: pull now rather than at the end of the idle interval.
      if (wasIdle) this.schedule(0);
    };
    const kinds = ['keydown', 'pointerdown', 'wheel', 'focus'];
    for (const kind of kinds) doc.addEventListener(kind, seen, { passive: true, capture: true });
    return () => {
      for (const kind of kinds) doc.removeEventListener(kind, seen, { capture: true });
    };
  }

  /** The interval cycle, its delay chosen again after each one (cadence.ts). */
  private tick(): void {
    const visibility = (globalThis as { document?: { visibilityState?: string } }).document?.visibilityState;
    const delay = nextCycleDelay(
      { activeMs: this.options.activeIntervalMs, idleMs: this.options.intervalMs },
      { visible: visibility === undefined || visibility === 'visible', sinceActivityMs: Date.now() - this.lastActivityAt },
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.schedule(0);
      if (this.leading) this.tick();
    }, delay);
    this.timers.add(timer);
  }

  /** Queues one cycle (coalescing requests that arrive while one is waiting to run). */
  private schedule(delayMs: number): void {
    if (!this.leading) return;
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.schedule(0);
      }, delayMs);
      this.timers.add(timer);
      return;
    }
    if (!this.online || this.queued) return;
    this.queued = this.syncNow().finally(() => {
      this.queued = null;
    });
    this.queued.then(
      (report) => {
        if (this.onlineDuringCycle) {
          this.onlineDuringCycle = false;
          this.schedule(0);
        } else if (report.nextRetryAt !== null) this.schedule(Math.max(0, report.nextRetryAt - this.options.push.now()));
      },
      // The cycle put its failure in the status every window shows; the console keeps the stack.
      (error: unknown) => console.error('Sync cycle failed', error),
    );
  }

  private async cycle(): Promise<CycleReport> {
    const report: CycleReport = { pushed: 0, acknowledged: 0, pulledChanged: 0, pending: 0, conflicts: 0, nextRetryAt: null, failure: null };
    await this.writeLoopStatus({ state: 'syncing', error: null });
    const stopWatching = this.watchReachability();
    try {
      await this.pushAll(report);
      if (!report.failure) {
        // The small Resources table first, so the school's settings (its time zone) are there before any
        // booking is shown; then the others side by side: their round trips overlap, their transactions still serialize.
        const pulls = (async () => {
          report.pulledChanged += await this.pull('resources');
          const changed = await Promise.all(ENTITY_NAMES.filter((entity) => entity !== 'resources').map((entity) => this.pull(entity)));
          report.pulledChanged += changed.reduce((sum, count) => sum + count, 0);
        })();
        await Promise.all([pulls, this.pushWhile(pulls, report)]);
        await this.pushAll(report);
      }
    } catch (error) {
      if (!(error instanceof SyncCallError)) {
        await this.writeLoopStatus({ state: 'error', error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
      report.failure = error;
    } finally {
      stopWatching();
    }
    report.pending = await activeOutbox(this.db).count();
    if (report.failure) {
      await this.writeLoopStatus({ state: report.failure.offline ? 'offline' : 'error', error: report.failure.offline ? null : report.failure.message });
    } else {
      await this.writeLoopStatus({ state: 'idle', error: null, lastSyncedAt: new Date(this.options.push.now()).toISOString(), initialSync: null });
    }
    return report;
  }

  /** While a cycle runs: probes reachability every `probeAfterMs`, and says offline as soon as main finds no answer. */
  private watchReachability(): () => void {
    let watching = true;
    const timer = setInterval(() => {
      this.api.invoke('connectivity.check', {}).then(
        (result) => {
          // An answer after the cycle ended is not about it (its own status is written).
          if (!watching || !result.ok || result.value.online) return;
          this.online = false;
          this.writeLoopStatus({ state: 'offline', error: null }).catch(statusNotWritten);
        },
        // The call did not reach main at all: the cycle's own calls report that.
        () => undefined,
      );
    }, this.options.probeAfterMs);
    return () => {
      watching = false;
      clearInterval(timer);
    };
  }

  private async pushAll(report: CycleReport): Promise<void> {
    for (;;) {
      const push = await pushOnce(this.db, this.api, this.options.push);
      report.pushed += push.sent;
      report.acknowledged += push.acknowledged;
      report.conflicts += push.conflicts.length;
      report.nextRetryAt = push.nextRetryAt;
      for (const conflict of push.conflicts) {
        const resolution = await this.options.conflictHandler(conflict);
        if (resolution) await resolveConflict(this.db, conflict.seq, resolution, conflict.mine.updatedBy);
      }
      if (push.failure) {
        report.failure = push.failure;
        return;
      }
      if (push.sent === 0) return;
    }
  }

  /**
   * While a long pull runs (a first sync of a big school takes minutes), the edits made meanwhile still go out:
   * every `pushDuringPullMs` the outbox is pushed if anything waits. A pull that ends sooner pushes nothing here.
   */
  private async pushWhile(pulls: Promise<void>, report: CycleReport): Promise<void> {
    let pulling = true;
    const ended = pulls.then(
      () => void (pulling = false),
      () => void (pulling = false),
    );
    for (;;) {
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, this.options.pushDuringPullMs))]);
      if (!pulling) return;
      if ((await activeOutbox(this.db).count()) > 0) await this.pushAll(report);
    }
  }

  private async pull(entity: EntityName): Promise<number> {
    const delta = await pullEntity(this.db, this.api, entity, this.options.pullLimit);
    if (!delta.needsInitialSync && !delta.resyncRequired) return delta.changed;
    return initialSync(this.db, this.api, entity, {
      totalSegments: this.options.scanSegments,
      limit: this.options.scanLimit,
      fullResync: delta.resyncRequired,
      onProgress: (progress) => {
        this.writeLoopStatus({ initialSync: progress }).catch(statusNotWritten);
      },
    });
  }

  /** A failure outside any cycle (this window could not take the lead) is shown as the sync status. */
  private failed(error: unknown): void {
    console.error('Sync failed', error);
    this.writeLoopStatus({ state: 'error', error: error instanceof Error ? error.message : String(error) }).catch(statusNotWritten);
  }

  private async writeLoopStatus(change: Partial<LoopStatus>): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      const current = (await readMeta<LoopStatus>(this.db, LOOP_STATUS)) ?? INITIAL_LOOP_STATUS;
      await writeMeta(this.db, LOOP_STATUS, { ...current, ...change });
    });
  }
}

const INITIAL_LOOP_STATUS: LoopStatus = { state: 'idle', lastSyncedAt: null, error: null, initialSync: null };

/** The status itself could not be written (the database is closing or gone): only the console is left to tell. */
function statusNotWritten(error: unknown): void {
  console.error('Sync status not written', error);
}

export async function readStatus(db: PilotForceDb): Promise<SyncStatus> {
  const loop = (await readMeta<LoopStatus>(db, LOOP_STATUS)) ?? INITIAL_LOOP_STATUS;
  return {
    ...loop,
    pending: await activeOutbox(db).count(),
    conflicts: await db.conflicts.count(),
    rejected: await db.outbox.where('state').equals('parked-rejected').count(),
  };
}

function debounce(run: () => void, waitMs: number, timers: Set<ReturnType<typeof setTimeout>>): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) {
      clearTimeout(timer);
      timers.delete(timer);
    }
    timer = setTimeout(() => {
      if (timer) timers.delete(timer);
      timer = null;
      run();
    }, waitMs);
    timers.add(timer);
  };
}
