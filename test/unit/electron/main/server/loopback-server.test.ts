import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CALLS, type Handlers } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/result';
import { type LoopbackServer, startLoopbackServer } from '@main/server/loopback-server';
import { createEventHub } from '@main/services';
import { freePort } from '@test/support/free-port';

const CONNECTION = { mode: 'local', region: 'us-east-1', tablePrefix: 't-', bucket: 'b' } as const;
const log = { info: vi.fn(), error: vi.fn() };
const events = createEventHub(log);
let server: LoopbackServer;
let root: string;
let port: number;
const TOKEN = 'launch-token-123';
/** What the page's own script sends on an HTTP API request. */
const withToken = { 'X-PilotForce-Token': TOKEN };

function handlers(): Handlers {
  const unsupported = async () => {
    throw new ApiFailure('unsupported', 'no');
  };
  const all = Object.fromEntries(Object.keys(CALLS).map((name) => [name, unsupported])) as unknown as Handlers;
  return { ...all, 'settings.connection': async () => CONNECTION };
}

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw request, so the test controls Host and Origin as a hostile page or a rebinding DNS name would. */
function send(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/socket`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

/** A socket from the app's own origin that has sent the token as its first message. */
async function openAuthorizedSocket(): Promise<WebSocket> {
  const socket = await openSocket({ Origin: `http://127.0.0.1:${port}` });
  socket.send(JSON.stringify({ auth: TOKEN }));
  return socket;
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

/** Everything the socket receives until it closes, and the close code. */
function untilClosed(socket: WebSocket): Promise<{ code: number; messages: unknown[] }> {
  const messages: unknown[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
  return new Promise((resolve) => socket.once('close', (code) => resolve({ code, messages })));
}

/**
 * Stands in for main's staging: reads the body, refuses a file named `big`, breaks on `broken`, and refuses
 * `full` before reading any of it, dropping the stream as staging does when the quota has no room.
 */
async function stageForTest(body: Readable, file: { fileName: string; size?: number }) {
  if (file.fileName === 'full') {
    body.destroy();
    throw new ApiFailure('too_large', `There is no room to add full (${file.size} bytes).`);
  }
  let size = 0;
  for await (const chunk of body) size += (chunk as Buffer).length;
  if (file.fileName === 'big') throw new ApiFailure('too_large', 'Files up to 5 GB can be uploaded.');
  if (file.fileName === 'broken') throw new Error('EACCES: permission denied, open /home/me/.pilotforce/staging/x');
  return { stagingId: 'stage-0001', fileName: file.fileName, mimeType: 'application/pdf', assetType: 'document' as const, size, checksum: 'abc', path: '/home/me/secret' };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pf-static-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>PilotForce</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, '.env'), 'SECRET=1');
  port = await freePort();
  server = await startLoopbackServer({ port, staticDir: root, handlers: handlers(), events, log, token: TOKEN, stageFromStream: stageForTest });
});

afterAll(async () => {
  await server.close();
  // Nothing the server logged may carry the token.
  expect(JSON.stringify([log.info.mock.calls, log.error.mock.calls])).not.toContain(TOKEN);
  await rm(root, { recursive: true, force: true });
});

describe('loopback server', () => {
  it('serves the page at the printed address as it is, with no cookie: the page keeps the token itself', async () => {
    expect(server.launchUrl).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
    const reply = await send(`/?token=${TOKEN}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('PilotForce');
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('serves the static files (no data in them) with the CSP and security headers, without a token', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('PilotForce');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self';");
    expect(reply.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect((await send('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    for (const path of ['/', '/assets/app.js', '/?token=' + TOKEN]) expect((await send(path)).headers['set-cookie']).toBeUndefined();
  });

  it('refuses an address with a wrong token, and any request with a foreign Host', async () => {
    expect((await send('/?token=guess')).status).toBe(403);
    expect((await send('/', { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await send('/', { Host: '127.0.0.1' })).status).toBe(403);
    expect((await send('/api/stage?name=a.txt', { ...withToken, Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` }, 'POST', 'x')).status).toBe(403);
  });

  it('refuses a POST from a foreign or missing Origin, even with the token', async () => {
    expect((await send('/api/stage', { ...withToken, Origin: 'http://evil.example' }, 'POST', 'x')).status).toBe(403);
    expect((await send('/api/stage', withToken, 'POST', 'x')).status).toBe(403);
    expect((await send('/api/stage?name=a.txt', { ...withToken, Origin: `http://127.0.0.1:${port}` }, 'POST', 'x')).status).toBe(200);
  });

  it('refuses an API request without the token header, with a wrong one, or with the token anywhere else', async () => {
    const own = { Origin: `http://127.0.0.1:${port}` };
    const refused = [
      await send('/api/stage?name=a.txt', own, 'POST', 'x'),
      await send('/api/stage?name=a.txt', { ...own, 'X-PilotForce-Token': 'launch-token-124' }, 'POST', 'x'),
      await send('/api/stage?name=a.txt', { ...own, 'X-PilotForce-Token': '' }, 'POST', 'x'),
      await send(`/api/stage?name=a.txt&token=${TOKEN}`, own, 'POST', 'x'),
      await send('/api/stage?name=a.txt', { ...own, Cookie: `pilotforce_${port}=${TOKEN}` }, 'POST', 'x'),
      await send('/api/stage?name=a.txt', { ...own, Authorization: `Bearer ${TOKEN}` }, 'POST', 'x'),
    ];
    expect(refused.map((reply) => reply.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(JSON.parse(refused[0]?.body ?? '')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await send('/api/other', withToken)).status).toBe(404);
    expect((await send('/api/other')).status).toBe(401);
  });

  it('stages a streamed file, answering only its id and metadata, with safe errors', async () => {
    const own = { ...withToken, Origin: `http://127.0.0.1:${port}` };
    const staged = await send('/api/stage?name=notes.pdf', own, 'POST', 'hello world');
    expect(staged.status).toBe(200);
    expect(JSON.parse(staged.body)).toEqual({
      ok: true,
      value: { stagingId: 'stage-0001', fileName: 'notes.pdf', mimeType: 'application/pdf', assetType: 'document', size: 11, checksum: 'abc' },
    });
    const big = await send('/api/stage?name=big', own, 'POST', 'x');
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ ok: false, error: { code: 'too_large', message: 'Files up to 5 GB can be uploaded.' } });
    // Refused before it was read: the page still gets the answer (the rest of the body is read and dropped), not a reset.
    const full = await send('/api/stage?name=full', own, 'POST', 'x'.repeat(8 * 1024 * 1024));
    expect(full.status).toBe(413);
    expect(JSON.parse(full.body)).toEqual({ ok: false, error: { code: 'too_large', message: `There is no room to add full (${8 * 1024 * 1024} bytes).` } });
    const broken = await send('/api/stage?name=broken', own, 'POST', 'x');
    expect(broken.status).toBe(500);
    expect(broken.body).not.toContain('EACCES');
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect((await send('/api/stage?name=a', own, 'GET')).status).toBe(405);
  });

  it('never serves files outside the renderer or dotfiles', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/.env', '/assets/../.env', '/%00']) {
      expect((await send(path)).status).toBe(404);
    }
  });

  it('carries calls and events over the WebSocket once its first message had the token, through dispatch', async () => {
    const socket = await openAuthorizedSocket();
    socket.send(JSON.stringify({ id: 1, name: 'settings.connection', input: {} }));
    expect(await nextMessage(socket)).toEqual({ id: 1, result: { ok: true, value: CONNECTION } });
    socket.send(JSON.stringify({ id: 2, name: 'nope', input: {} }));
    expect(await nextMessage(socket)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'invalid_input' } } });
    socket.send('not json');
    expect(await nextMessage(socket)).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_input' } } });
    const event = nextMessage(socket);
    events.emit('connectivity.changed', { online: false, checkedAt: '2026-01-01T00:00:00.000Z' });
    expect(await event).toEqual({ event: 'connectivity.changed', payload: { online: false, checkedAt: '2026-01-01T00:00:00.000Z' } });
    socket.close();
  });

  it('tells a socket that connects late the current connectivity first, once it has the token', async () => {
    events.emit('connectivity.changed', { online: true, checkedAt: '2026-01-02T00:00:00.000Z' });
    const socket = await openSocket({ Origin: `http://127.0.0.1:${port}` });
    const first = nextMessage(socket);
    socket.send(JSON.stringify({ auth: TOKEN }));
    expect(await first).toEqual({ event: 'connectivity.changed', payload: { online: true, checkedAt: '2026-01-02T00:00:00.000Z' } });
    socket.close();
  });

  it('closes a socket whose first message is not the token, having served it nothing (no event, no call)', async () => {
    events.emit('connectivity.changed', { online: true, checkedAt: '2026-01-03T00:00:00.000Z' });
    const firsts = [
      JSON.stringify({ id: 1, name: 'settings.connection', input: {} }),
      JSON.stringify({ auth: 'launch-token-124' }),
      JSON.stringify({ auth: '' }),
      JSON.stringify({ auth: TOKEN.slice(0, -1) }),
      'not json',
    ];
    for (const first of firsts) {
      const socket = await openSocket({ Origin: `http://127.0.0.1:${port}` });
      const closed = untilClosed(socket);
      socket.send(first);
      // A call sent right after a wrong token is not answered either.
      socket.send(JSON.stringify({ id: 2, name: 'settings.connection', input: {} }));
      expect(await closed).toEqual({ code: 4401, messages: [] });
    }
  });

  it('refuses WebSocket upgrades from a foreign or missing Origin or to a foreign Host', async () => {
    await expect(openSocket({ Origin: 'http://evil.example' })).rejects.toThrow(/refused|403|Unexpected/);
    await expect(openSocket({ Origin: `http://127.0.0.1:${port}`, Host: 'rebound.example' })).rejects.toThrow();
    await expect(openSocket({})).rejects.toThrow();
  });

  it('refuses a second server on the same port with a clear message', async () => {
    await expect(startLoopbackServer({ port, staticDir: root, handlers: handlers(), events, log })).rejects.toThrow(/in use/);
  });
});
