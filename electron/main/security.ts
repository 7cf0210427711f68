import type { Session, WebContents } from 'electron';
import { shell } from 'electron';
import { terminalLog } from './log';
import { contentSecurityPolicy } from './server/headers';
import type { MainLog } from './services';

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

/** Where presigned GETs of the app's own objects point: its bucket on S3 (or the local emulator). */
export type ObjectStore = { bucket: string; region: string; s3Endpoint?: string | undefined };

/**
 * A presigned address of one of the app's asset objects (`assets.previewUrl`): "Open file" shows it in
 * the user's browser. Only signed GETs under `users/` of the app's own bucket qualify.
 */
export function isPresignedObjectUrl(url: string, store: ObjectStore): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || !parsed.searchParams.has('X-Amz-Signature')) return false;
  if (store.s3Endpoint) {
    return parsed.origin === new URL(store.s3Endpoint).origin && parsed.pathname.startsWith(`/${store.bucket}/users/`);
  }
  const hosts = [`${store.bucket}.s3.${store.region}.amazonaws.com`, `${store.bucket}.s3.amazonaws.com`];
  return parsed.protocol === 'https:' && parsed.port === '' && hosts.includes(parsed.hostname) && parsed.pathname.startsWith('/users/');
}

/**
 * The window never leaves the app's origin: navigation elsewhere is cancelled, new windows are denied
 * (addresses `opensExternally` accepts go to the user's browser instead), and no <webview> can be attached.
 * The OS failing to open an address is logged to `log`.
 */
export function lockNavigation(contents: WebContents, opensExternally: (url: string) => boolean = isSafeExternalUrl, log: MainLog = terminalLog): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // The normalised address, so the OS never sees a form the check did not.
    if (opensExternally(url)) shell.openExternal(new URL(url).href).catch((error: unknown) => log.error('the browser did not open', { error }));
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, notifications permission or the like: every request is denied. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
