import { useSyncExternalStore } from 'react';

/**
 * The app's screens, addressed by the URL hash (`#/users/u1`), so a reload or the browser's back button
 * keeps the place and no server route is needed under the custom scheme or the loopback server.
 */
export type Route =
  | { screen: 'schedule'; date?: string }
  | { screen: 'bookings'; bookingId?: string }
  | { screen: 'users'; userId?: string }
  | { screen: 'assets'; assetId?: string }
  | { screen: 'fleet' }
  | { screen: 'documents' }
  /** `conflict`: the sequence of the conflicted change to show first (a booking's "resolve" link). */
  | { screen: 'sync'; conflict?: string }
  | { screen: 'settings' }
  | { screen: 'import' };

export type Screen = Route['screen'];

/** The screens in the navigation, in order (Alt+1..9 selects them). */
export const NAVIGATION: ReadonlyArray<{ screen: Screen; label: string }> = [
  { screen: 'schedule', label: 'Schedule' },
  { screen: 'bookings', label: 'Bookings' },
  { screen: 'users', label: 'Users' },
  { screen: 'assets', label: 'Assets' },
  { screen: 'fleet', label: 'Fleet' },
  { screen: 'documents', label: 'Expiring soon' },
  { screen: 'sync', label: 'Sync' },
  { screen: 'settings', label: 'Settings' },
  { screen: 'import', label: 'Import' },
];

/** The key that opens a screen from anywhere: Alt and its place in the navigation. */
export function screenShortcut(screen: Screen): string {
  return `Alt+${NAVIGATION.findIndex((item) => item.screen === screen) + 1}`;
}

export function parseRoute(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/').map((part) => decodeURIComponent(part));
  switch (screen) {
    case 'bookings':
      return id ? { screen, bookingId: id } : { screen };
    case 'users':
      return id ? { screen, userId: id } : { screen };
    case 'assets':
      return id ? { screen, assetId: id } : { screen };
    case 'schedule':
      return id ? { screen, date: id } : { screen };
    case 'sync':
      return id ? { screen, conflict: id } : { screen };
    case 'fleet':
    case 'documents':
    case 'settings':
    case 'import':
      return { screen };
    default:
      return { screen: 'schedule' };
  }
}

export function routeHref(route: Route): string {
  const id =
    'bookingId' in route ? route.bookingId : 'userId' in route ? route.userId : 'assetId' in route ? route.assetId : 'date' in route ? route.date : 'conflict' in route ? route.conflict : undefined;
  return `#/${route.screen}${id ? `/${encodeURIComponent(id)}` : ''}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
