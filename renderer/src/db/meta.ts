import type { PilotForceDb } from './schema';

/**
 * Small values kept in the `meta` store: this client's identity and mutation counter, the staff user
 * who is working, and the sync loop's last known status (so every window can show it).
 */
const CLIENT_ID = 'clientId';
const NEXT_SEQ = 'nextSeq';
const WORKING_AS = 'workingAs';

/** This installation's id: with the sequence, the exactly-once key of every mutation. Created once. */
export async function clientIdOf(db: PilotForceDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const stored = await db.meta.get(CLIENT_ID);
    if (typeof stored?.value === 'string') return stored.value;
    const id = crypto.randomUUID();
    await db.meta.put({ key: CLIENT_ID, value: id });
    return id;
  });
}

/** Takes the next mutation sequence; call inside the write's own transaction so a rollback returns it. */
export async function takeSeq(db: PilotForceDb): Promise<number> {
  const stored = await db.meta.get(NEXT_SEQ);
  const seq = typeof stored?.value === 'number' ? stored.value : 1;
  await db.meta.put({ key: NEXT_SEQ, value: seq + 1 });
  return seq;
}

/** Changes with every local edit (it is the mutation counter): a live query of it wakes on each edit. */
export function localEditMark(db: PilotForceDb): Promise<number | undefined> {
  return readMeta<number>(db, NEXT_SEQ);
}

export async function readMeta<T>(db: PilotForceDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: PilotForceDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** The staff user named in `updatedBy` of this client's edits. */
export async function workingAs(db: PilotForceDb): Promise<string | undefined> {
  return readMeta<string>(db, WORKING_AS);
}

export async function setWorkingAs(db: PilotForceDb, who: string): Promise<void> {
  await writeMeta(db, WORKING_AS, who);
}
