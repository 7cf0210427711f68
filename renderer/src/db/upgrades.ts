import type { Transaction } from 'dexie';
import type { EntityName } from '@shared/models';
import { itemKey, type ServerItem } from '@shared/sync';
import type { BaseRecord, CheckpointRecord, LocalItem, OutboxEntry } from './schema';
import { viewStandsForItem } from './view';

/** Base records read at a time: the upgrade never holds a big cache in memory whole. */
const UPGRADE_CHUNK = 2000;

/** Logged as the upgrade starts and ends: IT sees why a first start after the update took longer. */
const UPGRADE_TO_ONE_RECORD_LOG = 'Upgrading the local database to one record per item';

type VersionThreeBase = BaseRecord & { scanRun?: string };

/**
 * Version 4, one record per item (server-copy.ts): every base record of an item with no outbox entries
 * whose view stands for it is dropped; the rest lose the Scan-run mark they carried. A full resync in
 * progress starts its Scan again (its marks were on those records), from the checkpoint taken before
 * its first page, so nothing it was to find is skipped. All in Dexie's upgrade transaction: a crash
 * midway leaves version 3 as it was, and the next start upgrades again.
 */
export async function upgradeToOneRecord(tx: Transaction): Promise<void> {
  const bases = tx.table<VersionThreeBase, [EntityName, string]>('bases');
  const checkpoints = tx.table<CheckpointRecord, string>('checkpoints');
  const withEntries = new Set((await tx.table<OutboxEntry, number>('outbox').toArray()).map(itemKey));
  const nowMs = Date.now();
  console.info(UPGRADE_TO_ONE_RECORD_LOG);
  let dropped = 0;
  for (const record of await checkpoints.toArray()) {
    if (!('scan' in record) || !record.scan.fullResync) continue;
    const segments = record.scan.segments.map(() => ({ exclusiveStartKey: null, done: false, items: 0 }));
    await checkpoints.put({ ...record, scan: { ...record.scan, runId: crypto.randomUUID(), segments } });
  }
  let after: [EntityName, string] | null = null;
  for (;;) {
    const chunk: VersionThreeBase[] = await (after ? bases.where(':id').above(after) : bases.toCollection()).limit(UPGRADE_CHUNK).toArray();
    const last = chunk.at(-1);
    if (!last) {
      console.info(`${UPGRADE_TO_ONE_RECORD_LOG}: ${dropped} base records dropped in ${Date.now() - nowMs} ms`);
      return;
    }
    const drop: Array<[EntityName, string]> = [];
    const keep: BaseRecord[] = [];
    const candidates = chunk.filter((record) => !withEntries.has(itemKey(record)));
    const views = new Map<string, LocalItem>();
    for (const entity of new Set(candidates.map((record) => record.entity))) {
      const keys = candidates.filter((record) => record.entity === entity).map((record) => record.key);
      (await tx.table<LocalItem, string>(entity).bulkGet(keys)).forEach((view, i) => {
        if (view) views.set(itemKey({ entity, key: keys[i] as string }), view);
      });
    }
    for (const { scanRun, ...record } of chunk) {
      // Only the views of items without outbox entries were read: any other record is kept.
      if (viewStandsForItem(record.item as ServerItem, views.get(itemKey(record)) ?? null, nowMs)) drop.push([record.entity, record.key]);
      else if (scanRun !== undefined) keep.push(record);
    }
    if (drop.length > 0) await bases.bulkDelete(drop);
    dropped += drop.length;
    if (keep.length > 0) await bases.bulkPut(keep);
    after = [last.entity, last.key];
  }
}
