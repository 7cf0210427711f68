import { PilotForceDb } from '@renderer/db/schema';

let counter = 0;

/** A fresh database per test, on fake-indexeddb (loaded by the component project's setup). */
export async function freshDb(): Promise<PilotForceDb> {
  counter += 1;
  const db = new PilotForceDb(`test-${Date.now()}-${counter}`);
  await db.open();
  return db;
}

export const aBooking = (overrides: Record<string, unknown> = {}) => ({
  bookingId: 'b-1',
  userId: 'u-1',
  serviceType: 'Flight Training',
  bookingDate: '2026-12-01',
  bookingTime: '10:00',
  status: 'pending',
  details: { duration: 60, notes: 'first lesson' },
  createdAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

/** The server's copy of a booking at a given version. */
export const serverBooking = (version: number, overrides: Record<string, unknown> = {}) => ({
  ...aBooking(),
  version,
  updatedAt: `2026-11-02T10:00:0${version}.000Z`,
  clientSeq: {},
  syncBucket: 1,
  ...overrides,
});
