import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { type Duplex, PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer } from 'ws';
import type { Handlers } from '@shared/api/contract';
import { SOCKET_PATH, STAGE_PATH } from '@shared/api/socket-protocol';
import { INTERNAL_MESSAGE } from '@shared/api/dispatch';
import { ApiFailure, fail, ok } from '@shared/api/result';
import { StagedFileSchema, type StagedFile } from '@shared/api/uploads';
import type { MainEvents, MainLog } from '../services';
import { serveApiSocket } from './api-socket';
import { type Guard, hasToken, hostAllowed, newToken, originAllowed, ownOrigins, tokenMatches } from './guards';
import { SECURITY_HEADERS, contentSecurityPolicy } from './headers';
import { findStaticFile } from './static-files';

export const DEFAULT_PORT = 47321;
export const LOOPBACK_HOST = '127.0.0.1';

/** Main's upload module staging a file the browser build streams (Electron passes a path instead). */
export type StageFromStream = (body: Readable, file: { fileName: string; size?: number }) => Promise<StagedFile>;

export type LoopbackServerOptions = {
  /** Fixed: IndexedDB belongs to the origin, and the port is part of it. */
  port: number;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
  handlers: Handlers;
  events: MainEvents;
  log: MainLog;
  /** The access token (`npm start` keeps one per data directory); a fresh random one when absent. */
  token?: string;
  /** Origins allowed besides the server's own (the Vite dev server). */
  extraOrigins?: string[];
  stageFromStream?: StageFromStream;
  /** Largest WebSocket message (a push of many mutations). */
  maxMessageBytes?: number;
};

export type LoopbackServer = {
  port: number;
  /** `http://127.0.0.1:<port>`: the origin whose IndexedDB holds the renderer's data. */
  origin: string;
  /** The address to open: it carries the token, which the page keeps for its tab and takes out of the address. */
  launchUrl: string;
  close(): Promise<void>;
};

/**
 * Serves the built renderer and the typed API (WebSocket) on 127.0.0.1, for the browser build and the
 * end-to-end tests. Every request must name our host; every state-changing request and every socket
 * must come from our origin; every API request carries the token (a header, or the socket's first
 * message). The static files hold no data and need none.
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const guard: Guard = { port: options.port, extraOrigins: options.extraOrigins ?? [], token: options.token ?? newToken() };
  const origin = `http://${LOOPBACK_HOST}:${options.port}`;
  const csp = contentSecurityPolicy(ownOrigins(options.port).map((own) => own.replace('http:', 'ws:')));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 32 * 1024 * 1024 });
  const auth = { accepts: (token: string) => tokenMatches(guard, token) };
  sockets.on('connection', (socket) => serveApiSocket(socket, options.handlers, options.events, options.log, auth));

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    response.setHeader('Content-Security-Policy', csp);
    handleRequest(request, response).catch((error: unknown) => {
      // The browser went away mid-response (a reload): nothing to report.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      options.log.error('loopback request failed', { path: pathOf(request), error });
      if (!response.headersSent) reply(response, 500, 'Internal error.');
      else response.destroy();
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(guard, request)) return reply(response, 403, 'Wrong host.');
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && !originAllowed(guard, request)) {
      return reply(response, 403, 'Wrong origin.');
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(guard, request)) return replyJson(response, 401, fail('unauthorized', 'This request carries no valid access token.'));
      if (url.pathname === STAGE_PATH) return stage(request, response, url);
      return reply(response, 404, 'Not found.');
    }
    // The page reads the token itself; a wrong one (another data folder's) is said here, before the app loads.
    const offeredToken = url.searchParams.get('token');
    if (offeredToken !== null && !tokenMatches(guard, offeredToken)) {
      return reply(response, 403, 'This address carries a wrong access token: open the one that `npm start` printed.');
    }
    if (method !== 'GET' && method !== 'HEAD') return reply(response, 405, 'Method not allowed.');
    const file = await findStaticFile(options.staticDir, url.pathname);
    if (!file) return reply(response, 404, 'Not found.');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.size,
      // index.html names the hashed bundles: it must never be stale; the bundles may be cached.
      'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=31536000, immutable',
    });
    if (method === 'HEAD') return void response.end();
    await pipeline(file.open(), response);
  }

  async function stage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') return reply(response, 405, 'Method not allowed.');
    if (!options.stageFromStream) return replyJson(response, 501, fail('unsupported', 'File staging is not available.'));
    const fileName = (url.searchParams.get('name') ?? '').slice(0, 255) || 'file';
    // The announced size lets staging refuse a file that will not fit before reading it (the copy checks the real bytes).
    const length = Number(request.headers['content-length']);
    const size = Number.isSafeInteger(length) && length >= 0 ? { size: length } : {};
    // Staging gets its own stream: when it refuses the file (too large, no room) and drops that stream, the
    // rest of the body is read and thrown away before the answer, so the page gets the refusal rather than
    // a connection reset in the middle of sending.
    const body = new PassThrough();
    request.pipe(body);
    request.on('close', () => {
      if (!request.complete) body.destroy(new Error('The page stopped sending the file.'));
    });
    const drain = async () => {
      request.unpipe(body);
      if (request.complete || request.destroyed) return;
      const ended = new Promise((resolve) => request.once('end', resolve).once('close', resolve));
      request.resume();
      await ended;
    };
    try {
      // Validated like any call's output: only the staging id and checked metadata reach the page.
      const staged = StagedFileSchema.parse(await options.stageFromStream(body, { fileName, ...size }));
      replyJson(response, 200, ok(staged));
    } catch (error) {
      await drain();
      if (error instanceof ApiFailure) return replyJson(response, error.code === 'too_large' ? 413 : 400, fail(error.code, error.message));
      options.log.error('file staging failed', { error });
      replyJson(response, 500, fail('internal', INTERNAL_MESSAGE));
    }
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The token comes in the socket's first message (serveApiSocket).
    const allowed = hostAllowed(guard, request) && originAllowed(guard, request) && new URL(request.url ?? '/', origin).pathname === SOCKET_PATH;
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} on ${LOOPBACK_HOST} is in use (another PilotForce running?). Stop it or set PILOTFORCE_PORT.`)
          : error,
      );
    server.once('error', onError);
    server.listen(options.port, LOOPBACK_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });

  return {
    port: options.port,
    origin,
    launchUrl: `${origin}/?token=${guard.token}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request's path without its query, which may carry the token: the only form that reaches the log. */
function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0] ?? '/';
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function replyJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}
