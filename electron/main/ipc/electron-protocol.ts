import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME, ELECTRON_CSP } from '../security';
import { SECURITY_HEADERS } from '../server/headers';
import { findStaticFile } from '../server/static-files';

/** Registered before `ready`: the scheme behaves like https (secure context, fetch, storage). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/** Serves the built renderer on `app://pilotforce/`, with the CSP on every response. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await findStaticFile(rendererDir, url.pathname) : undefined;
    const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': ELECTRON_CSP };
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(await readFile(file.path), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
  });
}
