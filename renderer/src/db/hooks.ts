import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext } from 'react';
import type { EntityName } from '@shared/models';
import type { ConflictRecord, LocalItem, OutboxEntry, PilotForceDb, QuarantineRecord } from './schema';

/** The open local database; the app's root provides it (`<PilotForceDbContext.Provider value={db}>`). */
export const PilotForceDbContext = createContext<PilotForceDb | null>(null);

export function useDb(): PilotForceDb {
  const db = useContext(PilotForceDbContext);
  if (!db) throw new Error('useDb needs a PilotForceDbContext provider');
  return db;
}

/** Every cached item of an entity, live (undefined while loading). */
export function useItems<E extends EntityName>(entity: E): Array<LocalItem<E>> | undefined {
  const db = useDb();
  return useLiveQuery(() => db.items(entity).toArray(), [db, entity]);
}

/** One cached item, live: undefined while loading, null when there is none (or it was deleted). */
export function useItem<E extends EntityName>(entity: E, key: string | undefined): LocalItem<E> | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (key ? ((await db.items(entity).get(key)) ?? null) : null), [db, entity, key]);
}

/** A user's bookings, on one date or all, ordered by date (the `[userId+bookingDate]` index). */
export function useBookingsOfUser(userId: string, bookingDate?: string): Array<LocalItem<'bookings'>> | undefined {
  const db = useDb();
  return useLiveQuery(() => {
    const index = db.bookings.where('[userId+bookingDate]');
    const range = bookingDate
      ? index.equals([userId, bookingDate])
      : index.between([userId, ''], [userId, '\uffff']);
    return range.toArray();
  }, [db, userId, bookingDate]);
}

/** Bookings between two dates (inclusive, `YYYY-MM-DD`), for the schedule. */
export function useBookingsBetween(from: string, to: string): Array<LocalItem<'bookings'>> | undefined {
  const db = useDb();
  return useLiveQuery(() => db.bookings.where('bookingDate').between(from, to, true, true).toArray(), [db, from, to]);
}

/** A user's assets, newest first. */
export function useAssetsOfUser(userId: string): Array<LocalItem<'assets'>> | undefined {
  const db = useDb();
  return useLiveQuery(
    () => db.assets.where('[userId+createdAt]').between([userId, ''], [userId, '\uffff']).reverse().toArray(),
    [db, userId],
  );
}

/** Keys of the items with edits not yet on the server, to mark them on screen. */
export function usePendingKeys(entity: EntityName): Set<string> | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const entries = await db.outbox.filter((entry) => entry.entity === entity).toArray();
    return new Set(entries.map((entry) => entry.key));
  }, [db, entity]);
}

/** Open conflicts, oldest first. */
export function useConflicts(): ConflictRecord[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.conflicts.orderBy('detectedAt').toArray(), [db]);
}

/** Mutations the server rejected (validation): shown with their reason until discarded. */
export function useRejectedMutations(): OutboxEntry[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.outbox.where('state').equals('parked-rejected').toArray(), [db]);
}

/** Server items that do not fit the schema, with the reason. */
export function useQuarantine(): QuarantineRecord[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.quarantine.toArray(), [db]);
}
