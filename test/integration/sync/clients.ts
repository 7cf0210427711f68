import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import type { FaultPlan } from '@test/support/fault-injection';
import { PilotForceDb } from '@renderer/db/schema';
import type { ConflictHandler } from '@renderer/sync/conflicts';
import { SyncClient } from '@renderer/sync/scheduler';
import { DEFAULT_PUSH_CONFIG } from '@renderer/sync/upstream';
import { simulatedMain, type SimulatedMain, type WriteImage } from './harness';

export type SimulatedApp = { db: PilotForceDb; main: SimulatedMain; sync: SyncClient; close(): void };

/**
 * One app as a user runs it: its own Dexie database (fake-indexeddb, its own name), its own main
 * process (skewed clock, faults), and the real sync client. The loop is not started: tests drive it
 * with `syncNow` / `awaitInSync`, so nothing runs in the background between steps.
 */
export async function simulatedApp(options: {
  endpoint: string;
  prefix: string;
  clockSkewMs?: number;
  faults?: FaultPlan;
  overlapMs?: number;
  images?: WriteImage[];
  random?: () => number;
  conflictHandler?: ConflictHandler;
}): Promise<SimulatedApp> {
  const db = new PilotForceDb(`sim-${randomUUID()}`);
  await db.open();
  const main = simulatedMain(options);
  const sync = new SyncClient(db, main.api, {
    push: { ...DEFAULT_PUSH_CONFIG, backoff: { baseMs: 2, maxMs: 50 }, random: options.random ?? Math.random },
    scanSegments: 2,
    ...(options.conflictHandler ? { conflictHandler: options.conflictHandler } : {}),
  });
  return {
    db,
    main,
    sync,
    close() {
      sync.stop();
      db.close();
      main.clients.destroy();
    },
  };
}
