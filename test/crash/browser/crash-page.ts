import { createApiClient, requestPersistentStorage } from '@renderer/api';
import Dexie from 'dexie';
import { DEFAULT_DB_NAME, LocalWriteError, SCHEMA_VERSIONS, createItem, deleteItem, openPilotForceDb, updateItem } from '@renderer/db';
import { stageFile } from '@renderer/features/assets/stage-file';
import { SyncClient, awaitInSync, discardRejected, resolveConflict } from '@renderer/sync';
import { ENTITY_NAMES } from '@shared/models';
import { checkpointAt, DEFAULT_TOMBSTONE_RETENTION_MS, type Mutation } from '@shared/sync';
import { copyOfDb } from '@test/support/client-copy';
import type { CrashApi, CrashFile } from '../crash-api';

/**
 * The crash page: the renderer's own start-up (API client over the loopback socket, the app's Dexie
 * database in this profile's IndexedDB, the sync loop started as main.tsx starts it) without the
 * screens, driven by the harness through `window.crash` with the same local writes and staging the
 * screens use.
 */
// As main.tsx: without persistence the browser may evict the cache under pressure; the run goes on.
requestPersistentStorage().catch((error: unknown) => console.warn('Persistent storage not granted', error));
const api = createApiClient();
// Dexie keeps its schema version times ten as IndexedDB's version.
const openedFrom = (await indexedDB.databases()).find((each) => each.name === DEFAULT_DB_NAME)?.version;
const db = await openPilotForceDb();
const sync = new SyncClient(db, api);
sync.start();

const MP4_HEADER = Uint8Array.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31]);

/** The file's bytes: the image as given, or an MP4 header and random bytes (unique content). */
function fileOf(file: CrashFile): File {
  if ('pngBase64' in file) return new File([Uint8Array.from(atob(file.pngBase64), (c) => c.charCodeAt(0))], file.name, { type: 'image/png' });
  const bytes = new Uint8Array(file.mp4Size);
  for (let at = MP4_HEADER.length; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, Math.min(bytes.length, at + 65_536)));
  bytes.set(MP4_HEADER);
  return new File([bytes], file.name, { type: 'video/mp4' });
}

const crash: CrashApi = {
  async edit(edit) {
    try {
      if (edit.kind === 'create') return { mutation: await createItem(db, edit.entity, edit.item, 'Crash Staff') };
      if (edit.kind === 'update') return { mutation: await updateItem(db, edit.entity, edit.key, edit.patch, 'Crash Staff') };
      return { mutation: await deleteItem(db, edit.entity, edit.key, 'Crash Staff') };
    } catch (error) {
      if (error instanceof LocalWriteError) return { refused: error.message };
      throw error;
    }
  },

  async keys(entity) {
    return (await db.items(entity).toCollection().primaryKeys()).map(String);
  },

  async upload(file) {
    const staged = await stageFile(api, fileOf(file));
    if (!staged.ok) return { refused: staged.error.message };
    const job = await api.invoke('uploads.enqueue', { stagingId: staged.value.stagingId, userId: file.userId, tags: ['crash'] });
    if (!job.ok) return { refused: job.error.message };
    return { jobId: job.value.jobId, assetId: job.value.assetId, checksum: staged.value.checksum };
  },

  async settle(who) {
    const first = await sync.syncNow();
    await awaitInSync(sync, { retryAfterFailureMs: 200 });
    const shownConflicts = await db.conflicts.toArray();
    const shownRejections: Mutation[] = [];
    const resolutions: Mutation[] = [];
    for (const conflict of shownConflicts) {
      const gone = !conflict.theirs || conflict.theirs.deleted === true;
      // A clash is not resolved by sending the same slot again (it would clash for ever): the change is dropped,
      // as the office's "Drop my change" / "Drop this booking" does.
      const drop = gone || conflict.reason === 'clash';
      try {
        const mutation = await resolveConflict(db, conflict.seq, { kind: drop ? 'theirs' : 'mine' }, who);
        if (mutation) resolutions.push(mutation);
      } catch (error) {
        // Their version moved again (stale): the next round looks again.
        if (!(error instanceof LocalWriteError)) throw error;
      }
    }
    for (const rejected of await db.outbox.where('state').equals('parked-rejected').toArray()) {
      shownRejections.push(rejected.mutation);
      await discardRejected(db, rejected.seq);
    }
    const check = await awaitInSync(sync, { retryAfterFailureMs: 200 });
    const quiet = !first.failure && first.pushed === 0 && first.pulledChanged === 0 && shownConflicts.length === 0 && shownRejections.length === 0 && check.pushed === 0;
    const moved = `pushed ${first.pushed} + ${check.pushed}, pulled ${first.pulledChanged} changed, ${shownConflicts.length} conflicts, ${shownRejections.length} rejections${first.failure ? `, failed: ${first.failure.message}` : ''}`;
    return { quiet, moved, shownConflicts, shownRejections, resolutions };
  },

  copy(label) {
    return copyOfDb(db, label);
  },

  async rewriteAsVersionThree() {
    sync.stop();
    const stores = ['outbox', 'conflicts', 'quarantine', 'checkpoints', 'meta'] as const;
    const snapshot = await db.transaction('r', db.tables, async () => ({
      views: Object.fromEntries(await Promise.all(ENTITY_NAMES.map(async (entity) => [entity, await db.items(entity).toArray()] as const))),
      copies: (await copyOfDb(db, 'before the rewrite')).bases,
      rest: Object.fromEntries(await Promise.all(stores.map(async (store) => [store, await db.table(store).toArray()] as const))),
    }));
    db.close();
    await Dexie.delete(DEFAULT_DB_NAME);
    const legacy = new Dexie(DEFAULT_DB_NAME);
    for (const version of [1, 2, 3]) legacy.version(version).stores(SCHEMA_VERSIONS[version] ?? {});
    await legacy.open();
    const records = Object.entries(snapshot.copies).map(([id, item]) => {
      const at = id.indexOf('/');
      return { entity: id.slice(0, at), key: id.slice(at + 1), item };
    });
    await legacy.transaction('rw', legacy.tables, async () => {
      for (const entity of ENTITY_NAMES) await legacy.table(entity).bulkPut(snapshot.views[entity] ?? []);
      for (const store of stores) await legacy.table(store).bulkPut(snapshot.rest[store] ?? []);
      await legacy.table('bases').bulkPut(records);
    });
    legacy.close();
    return records.length;
  },

  async awayTooLong() {
    // Its outbox sent first, so the next cycle goes straight to the Scans the kill is aimed at.
    await awaitInSync(sync, { retryAfterFailureMs: 200 });
    const longAgo = checkpointAt(new Date(Date.now() - DEFAULT_TOMBSTONE_RETENTION_MS - 86_400_000).toISOString());
    await db.checkpoints.bulkPut(ENTITY_NAMES.map((entity) => ({ id: `delta:${entity}` as const, checkpoint: longAgo })));
    await sync.requestSync();
  },

  async openedFromVersion() {
    return openedFrom === undefined ? null : openedFrom / 10;
  },

  async initialSyncDone() {
    const ids = (await db.checkpoints.toCollection().primaryKeys()).map(String);
    return ENTITY_NAMES.every((entity) => ids.includes(`delta:${entity}`) && !ids.includes(`scan:${entity}`));
  },
};

(globalThis as unknown as { crash: CrashApi }).crash = crash;
