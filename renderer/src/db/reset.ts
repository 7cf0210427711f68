import type { OutboxState, PilotForceDb } from './schema';

/**
 * "Reset local data": this desk's copy removed so that the first sync starts again (after a restore,
 * or when the copy looks wrong). Never while the outbox holds a change the server does not have,
 * unless those changes were exported first and have not changed since.
 */
export type UnpushedChanges = Record<OutboxState, number> & {
  total: number;
  /** Which entries, in which state: an export holds exactly these, and a reset checks they are still the ones. */
  fingerprint: string;
};

export class ResetRefusedError extends Error {}

export async function unpushedChanges(db: PilotForceDb): Promise<UnpushedChanges> {
  const entries = await db.outbox.toArray();
  const counts: Record<OutboxState, number> = { pending: 0, 'in-flight': 0, 'parked-conflict': 0, 'parked-rejected': 0 };
  for (const entry of entries) counts[entry.state]++;
  return { ...counts, total: entries.length, fingerprint: entries.map((entry) => `${entry.seq}:${entry.state}`).join(',') };
}

/** Every outbox entry and conflict of this desk, as a JSON file to keep (or give to IT) before a reset. */
export async function exportOutbox(db: PilotForceDb, now: Date = new Date()): Promise<{ fileName: string; text: string; changes: UnpushedChanges }> {
  return db.transaction('r', [db.outbox, db.conflicts, db.meta], async () => {
    const changes = await unpushedChanges(db);
    const text = JSON.stringify(
      {
        exportedAt: now.toISOString(),
        database: db.name,
        clientId: (await db.meta.get('clientId'))?.value ?? null,
        outbox: await db.outbox.toArray(),
        conflicts: await db.conflicts.toArray(),
      },
      null,
      2,
    );
    return { fileName: `pilotforce-unsent-changes-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.json`, text, changes };
  });
}

/**
 * Deletes the whole local database (every window's connection closes, so no sync in flight can write
 * into the emptied copy); the app must then start again, which runs the first sync. `exported` is the
 * fingerprint of the export the user made, if any.
 */
export async function resetLocalData(db: PilotForceDb, exported: string | null): Promise<void> {
  const changes = await unpushedChanges(db);
  if (changes.total > 0 && changes.fingerprint !== exported) {
    throw new ResetRefusedError(
      exported === null
        ? 'This desk has changes the server does not have yet: let them sync, or export them first.'
        : 'The unsent changes changed after the export: export them again, then reset.',
    );
  }
  await db.delete();
}
