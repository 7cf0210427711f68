/** Where this tab keeps the token: a reload or a socket that drops finds it again; another tab does not. */
const KEY = 'pilotforce.accessToken';

export const NO_TOKEN_MESSAGE = 'This tab has no access token: open the address that `npm start` printed (it carries one) in this tab.';
export const REFUSED_TOKEN_MESSAGE = 'PilotForce refused this tab\'s access token (it has changed): open the address that `npm start` printed.';

let kept: string | undefined;

/**
 * The loopback server's access token (browser build). Taken from the address `npm start` printed, then
 * taken out of the address bar (and so out of bookmarks and screenshots), and kept in sessionStorage for
 * this tab. The browser never sends it by itself: the API client puts it in the socket's first message
 * and in a header. A second tab opened by hand has none until the printed address is opened in it.
 */
export function launchToken(): string | undefined {
  const address = new URL(location.href);
  const offered = address.searchParams.get('token');
  if (offered) {
    kept = offered;
    try {
      sessionStorage.setItem(KEY, offered);
    } catch {
      // Storage turned off: the token lasts as long as this page.
    }
    address.searchParams.delete('token');
    history.replaceState(history.state, '', `${address.pathname}${address.search}${address.hash}`);
  }
  if (kept) return kept;
  try {
    kept = sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    kept = undefined;
  }
  return kept;
}
