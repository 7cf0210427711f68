import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { EntityName } from '@shared/models';
import { useDb, type LocalItem } from '@renderer/db';
import { BookingOrders, type OrderedBookings } from './booking-order';
import type { BookingSort } from './booking-view';
import { BookingSearchIndex } from './booking-search-index';
import { LiveTableMirror } from './live-mirror';
import { namesOf, personOptions, type Person, type PersonOption } from './people';

type Mirrors = { [E in EntityName]: LiveTableMirror<E> } & { search: BookingSearchIndex; orders: BookingOrders };

const MirrorsContext = createContext<Mirrors | null>(null);

/** One in-memory mirror per table and the booking search index, shared by every screen. */
export function MirrorsProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const mirrors = useMemo<Mirrors>(() => {
    const users = new LiveTableMirror(db, 'users');
    const bookings = new LiveTableMirror(db, 'bookings');
    const search = new BookingSearchIndex();
    const orders = new BookingOrders(bookings.items, search, (userId) => users.items.get(userId)?.name ?? userId);
    return { resources: new LiveTableMirror(db, 'resources'), users, bookings, assets: new LiveTableMirror(db, 'assets'), search, orders };
  }, [db]);
  useEffect(() => {
    const { users, bookings, search, orders } = mirrors;
    // Search and the list's orders follow both tables: a booking's text and order, and its user's name.
    const unsubscribeUsers = users.subscribe((change) => {
      const changed = change.reset ? [...users.items.values()] : change.upserted;
      for (const user of changed) search.setUserName(user.userId, user.name);
      orders.usersChanged();
    });
    const unsubscribeBookings = bookings.subscribe((change) => {
      if (change.reset) {
        for (const id of searchIds(search, bookings)) search.remove(id);
        for (const booking of bookings.items.values()) search.upsert(booking);
        orders.bookingsChanged(change);
        // The list's default order is ready before anyone opens the list.
        orders.get(DEFAULT_BOOKING_SORT);
        return;
      }
      for (const booking of change.upserted) search.upsert(booking);
      for (const id of change.removed) search.remove(id);
      orders.bookingsChanged(change);
    });
    mirrors.resources.start();
    users.start();
    bookings.start();
    mirrors.assets.start();
    return () => {
      unsubscribeUsers();
      unsubscribeBookings();
      users.stop();
      bookings.stop();
      mirrors.assets.stop();
      mirrors.resources.stop();
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

export const DEFAULT_BOOKING_SORT: BookingSort = 'date-desc';

/** The bookings in `sort` order with their search texts, re-read when bookings or users change. */
export function useBookingOrder(sort: BookingSort): OrderedBookings {
  const { orders } = useMirrors();
  const bookings = useMirror('bookings');
  const users = useMirror('users');
  // The orders are patched in place by the mirrors' listeners; the revisions say when to read them again.
  return useMemo(() => orders.get(sort), [orders, sort, bookings.revision, users.revision]);
}

/** A user's name by id (with the email where two share the name), falling back to the id for users not (yet) in the cache. */
export function useNameOf(): (userId: string) => string {
  const users = useMirror('users');
  return useMemo(() => namesOf(users.items.values()), [users]);
}

/** Every user as a picker's options (name · email · role), or those `keep` accepts; `keep` must be stable. */
export function usePersonOptions(keep?: (person: Person) => boolean): PersonOption[] {
  const users = useMirror('users');
  return useMemo(() => personOptions(users.items.values(), keep), [users, keep]);
}

/** The service types in use, sorted, with `extra` (e.g. the school's default) among them: what a service type is picked from. */
export function useServiceTypes(...extra: string[]): string[] {
  const bookings = useMirror('bookings');
  const joined = extra.join('\u0000');
  return useMemo(() => {
    const types = new Set(joined ? joined.split('\u0000') : []);
    for (const booking of bookings.items.values()) types.add(booking.serviceType);
    return [...types].sort();
  }, [bookings, joined]);
}
