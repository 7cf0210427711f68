import type { Session, WebContents } from 'electron';
import { shell } from 'electron';
import { contentSecurityPolicy } from './server/headers';

/** The renderer's one origin in Electron: a custom scheme, not file:// (IndexedDB needs a stable origin). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pilotforce';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The same policy as the loopback server's; the window talks to main over IPC only, so no extra sources. */
export const ELECTRON_CSP = contentSecurityPolicy();

/** Hosts whose https pages may open in the user's browser (help and the AWS console), nothing else. */
export const EXTERNAL_HOSTS: readonly string[] = ['docs.aws.amazon.com', 'console.aws.amazon.com', 'aws.amazon.com', 'github.com'];

export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only https pages of the allow-listed hosts, on the default port and without credentials in the address. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.port === '' &&
      EXTERNAL_HOSTS.includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * The window never leaves the app's origin: navigation elsewhere is cancelled, new windows are denied
 * (allowed https links go to the user's browser instead), and no <webview> can be attached.
 */
export function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // The normalised address, so the OS never sees a form the check did not.
    if (isSafeExternalUrl(url)) void shell.openExternal(new URL(url).href);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, notifications permission or the like: every request is denied. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
