import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { EntityName } from '../../../shared/models';
import { useDb, type LocalItem } from '../db';
import { BookingSearchIndex } from './bookings/search-index';
import { LiveTableMirror } from './live-mirror';

type Mirrors = { [E in EntityName]: LiveTableMirror<E> } & { search: BookingSearchIndex };

const MirrorsContext = createContext<Mirrors | null>(null);

/** One in-memory mirror per table and the booking search index, shared by every screen. */
export function MirrorsProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const mirrors = useMemo<Mirrors>(
    () => ({
      users: new LiveTableMirror(db, 'users'),
      bookings: new LiveTableMirror(db, 'bookings'),
      assets: new LiveTableMirror(db, 'assets'),
      search: new BookingSearchIndex(),
    }),
    [db],
  );
  useEffect(() => {
    const { users, bookings, search } = mirrors;
    // Search follows both tables: a booking's text and its user's name.
    const unsubscribeUsers = users.subscribe((change) => {
      const changed = change.reset ? [...users.items.values()] : change.upserted;
      for (const user of changed) search.setUserName(user.userId, user.name);
    });
    const unsubscribeBookings = bookings.subscribe((change) => {
      if (change.reset) {
        for (const id of searchIds(search, bookings)) search.remove(id);
        for (const booking of bookings.items.values()) search.upsert(booking);
        return;
      }
      for (const booking of change.upserted) search.upsert(booking);
      for (const id of change.removed) search.remove(id);
    });
    users.start();
    bookings.start();
    mirrors.assets.start();
    return () => {
      unsubscribeUsers();
      unsubscribeBookings();
      users.stop();
      bookings.stop();
      mirrors.assets.stop();
    };
  }, [mirrors]);
  return <MirrorsContext.Provider value={mirrors}>{children}</MirrorsContext.Provider>;
}

/** Ids the index holds that the reloaded table no longer has. */
function searchIds(search: BookingSearchIndex, bookings: LiveTableMirror<'bookings'>): string[] {
  return search.ids().filter((id) => !bookings.items.has(id));
}

function useMirrors(): Mirrors {
  const mirrors = useContext(MirrorsContext);
  if (!mirrors) throw new Error('useMirror needs a MirrorsProvider');
  return mirrors;
}

export type MirrorSnapshot<E extends EntityName> = { items: ReadonlyMap<string, LocalItem<E>>; loaded: boolean; revision: number };

/** Every item of a table, re-rendering on each change (the map is the mirror's own: read, never write). */
export function useMirror<E extends EntityName>(entity: E): MirrorSnapshot<E> {
  const mirror = useMirrors()[entity] as unknown as LiveTableMirror<E>;
  const subscribe = useCallback((onChange: () => void) => mirror.subscribe(onChange), [mirror]);
  const revision = useSyncExternalStore(subscribe, () => mirror.revision);
  return useMemo(() => ({ items: mirror.items, loaded: mirror.loaded, revision }), [mirror, revision]);
}

export function useBookingSearch(): BookingSearchIndex {
  return useMirrors().search;
}

/** A user's name by id, falling back to the id for users not (yet) in the cache. */
export function useNameOf(): (userId: string) => string {
  const users = useMirror('users');
  return useMemo(() => (userId: string) => users.items.get(userId)?.name ?? userId, [users]);
}
