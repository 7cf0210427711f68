import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { EventSink } from '@shared/api/contract';
import { ENTITY_NAMES, type EntityName } from '@shared/models';
import { ScanKeySchema } from '@shared/sync/protocol';
import type { AwsClients } from '../aws/clients';
import { reconcile } from './reconcile';

/** Per table: when the last complete run ended, and where an unfinished one resumes. */
export const ReconcileStateSchema = z.object({
  tables: z.record(
    z.string(),
    z.object({ lastCompletedAt: z.number().nullable(), resumeKey: ScanKeySchema.nullable() }),
  ),
});
export type ReconcileState = z.infer<typeof ReconcileStateSchema>;

export type ReconcileStateStore = { load(): Promise<ReconcileState>; save(state: ReconcileState): Promise<void> };

export type ReconcileRun = { entity: EntityName; adopted: number; consumedReadUnits: number; consumedWriteUnits: number; complete: boolean };

export type ReconcileScheduleOptions = {
  clients: AwsClients;
  prefix: string;
  events: EventSink;
  store: ReconcileStateStore;
  /** How often each table is reconciled (daily by default). */
  intervalMs?: number;
  maxReadUnitsPerSecond?: number;
  /** Pages per run; an unfinished table resumes at the next check. */
  maxPages?: number;
  /** Where each run's consumed capacity is reported. */
  report?: (run: ReconcileRun) => void;
  now?: () => number;
};

export const DAY_MS = 24 * 60 * 60_000;

/**
 * The periodic reconciliation (electron/main/sync/README.md, "Reconciliation"): each table whose last
 * complete run is older than the interval (or that has a run to resume) is reconciled, resumably, its
 * capacity reported; adopted items poke every window to pull. Returns what ran, so a caller (or a test)
 * can drive it without timers.
 */
export async function reconcileDueTables(options: ReconcileScheduleOptions): Promise<ReconcileRun[]> {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? DAY_MS;
  const state = await options.store.load();
  const runs: ReconcileRun[] = [];
  for (const entity of ENTITY_NAMES) {
    const table = state.tables[entity] ?? { lastCompletedAt: null, resumeKey: null };
    const due = table.resumeKey !== null || table.lastCompletedAt === null || now() - table.lastCompletedAt >= intervalMs;
    if (!due) continue;
    const result = await reconcile(
      { clients: options.clients, prefix: options.prefix },
      {
        entity,
        exclusiveStartKey: table.resumeKey,
        maxReadUnitsPerSecond: options.maxReadUnitsPerSecond ?? 5,
        maxPages: options.maxPages ?? 100,
      },
    );
    const complete = result.lastEvaluatedKey === null;
    state.tables[entity] = { lastCompletedAt: complete ? now() : table.lastCompletedAt, resumeKey: result.lastEvaluatedKey };
    await options.store.save(state);
    const run = { entity, adopted: result.adopted, consumedReadUnits: result.consumedReadUnits, consumedWriteUnits: result.consumedWriteUnits, complete };
    options.report?.(run);
    if (result.adopted > 0) options.events.emit('sync.poke', { reason: 'reconcile', entity });
    runs.push(run);
  }
  return runs;
}

/** Checks hourly whether a table is due; a failed run (offline) is simply tried at the next check. */
export function startReconcileSchedule(options: ReconcileScheduleOptions & { checkEveryMs?: number; onError?: (error: unknown) => void }): () => void {
  let running = false;
  const check = () => {
    if (running) return;
    running = true;
    reconcileDueTables(options)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(check, options.checkEveryMs ?? 60 * 60_000);
  timer.unref();
  check();
  return () => clearInterval(timer);
}

/** The state in a JSON file in the app's data folder, replaced atomically (a crash leaves the old or the new). */
export function jsonFileReconcileStore(path: string): ReconcileStateStore {
  return {
    async load() {
      try {
        return ReconcileStateSchema.parse(JSON.parse(await readFile(path, 'utf8')));
      } catch {
        return { tables: {} }; // absent or unreadable: every table is due, which only costs one run
      }
    },
    async save(state) {
      const temporary = `${path}.${randomUUID()}.tmp`;
      await writeFile(temporary, JSON.stringify(state));
      await rename(temporary, path);
    },
  };
}
