import type { EntityName } from '@shared/models';
import type { PullResponse } from '@shared/sync';
import type { ApiClient } from '@shared/api/contract';
import type { PilotForceDb } from '../db/schema';
import { applyServerItems } from './apply';
import { call } from './call';

export type PullReport = {
  /** Items whose base changed (a newer version arrived). */
  changed: number;
  pages: number;
  /** No checkpoint yet: an initial sync must run first. */
  needsInitialSync: boolean;
  /** The checkpoint is older than the tombstone retention: a full resync must run (the outbox is kept). */
  resyncRequired: boolean;
};

/**
 * Delta pull of one entity, page by page from its checkpoint. Each page is applied in ONE transaction
 * together with the checkpoint that follows it, so a crash resumes at the first unapplied page; the
 * next page is fetched while the current one is applied.
 */
export async function pullEntity(db: PilotForceDb, api: ApiClient, entity: EntityName, limit = 500): Promise<PullReport> {
  const report: PullReport = { changed: 0, pages: 0, needsInitialSync: false, resyncRequired: false };
  const id = `delta:${entity}` as const;
  const stored = await db.checkpoints.get(id);
  if (!stored || !('checkpoint' in stored)) return { ...report, needsInitialSync: true };
  let request: Promise<PullResponse> = call(api, 'sync.pull', { entity, checkpoint: stored.checkpoint, limit });
  for (;;) {
    const page = await request;
    if (page.resyncRequired) return { ...report, resyncRequired: true };
    const next = page.hasMore ? call(api, 'sync.pull', { entity, checkpoint: page.checkpoint, limit }) : null;
    // Should applying fail, the prefetched page is dropped, not left as an unhandled rejection.
    next?.catch(() => undefined);
    report.changed += await applyServerItems(db, entity, page.items, page.quarantined, {
      alsoWrite: () => db.checkpoints.put({ id, checkpoint: page.checkpoint }),
    });
    report.pages += 1;
    if (!next) return report;
    request = next;
  }
}
