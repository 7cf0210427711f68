import { PilotForceDb } from '@renderer/db/schema';

let counter = 0;

/** A fresh database per test, on fake-indexeddb (loaded by the component project's setup). */
export async function freshDb(): Promise<PilotForceDb> {
  counter += 1;
  const db = new PilotForceDb(`test-${Date.now()}-${counter}`);
  await db.open();
  return db;
}
