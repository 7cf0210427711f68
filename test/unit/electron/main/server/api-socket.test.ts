import { EventEmitter } from 'node:events';
import { CALLS } from '@shared/api/contract';
import { INTERNAL_MESSAGE } from '@shared/api/dispatch';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';

type ServedSocket = Parameters<typeof serveApiSocket>[0];
import type { Handlers } from '@shared/api/contract';
import { serveApiSocket } from '@main/server/api-socket';
import { createEventHub } from '@main/services';

const log = { info: vi.fn(), error: vi.fn() };
const events = createEventHub(log);
const handlers = { 'settings.connection': async () => ({ mode: 'local', region: 'us-east-1', tablePrefix: 't-', bucket: 'b' }) } as unknown as Handlers;
const server = createServer();
const sockets = new WebSocketServer({ server });
let url: string;

beforeAll(async () => {
  sockets.on('connection', (socket) => serveApiSocket(socket, handlers, events, log, { accepts: (token) => token === 'right', timeoutMs: 300 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of sockets.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

/** Everything the socket receives until it closes, and the close code. */
function untilClosed(socket: WebSocket): Promise<{ code: number; messages: unknown[] }> {
  const messages: unknown[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
  return new Promise((resolve) => socket.once('close', (code) => resolve({ code, messages })));
}

describe('api socket', () => {
  it('closes a socket that sends nothing within the time allowed, having served it nothing', async () => {
    events.emit('connectivity.changed', { online: true, checkedAt: '2026-01-01T00:00:00.000Z' });
    const idle = new WebSocket(url);
    const started = Date.now();
    expect(await untilClosed(idle)).toEqual({ code: 4401, messages: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('serves a socket whose first message has the token, past the time allowed', async () => {
    const socket = new WebSocket(url);
    await new Promise((resolve) => socket.once('open', resolve));
    const received: unknown[] = [];
    socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
    socket.send(JSON.stringify({ auth: 'right' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.send(JSON.stringify({ id: 7, name: 'settings.connection', input: {} }));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[0]).toMatchObject({ event: 'connectivity.changed' });
    expect(received[1]).toMatchObject({ id: 7, result: { ok: true } });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it('refuses a binary first message', async () => {
    const socket = new WebSocket(url);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = untilClosed(socket);
    socket.send(Buffer.from(JSON.stringify({ auth: 'right' })), { binary: true });
    expect(await closed).toEqual({ code: 4401, messages: [] });
  });
});

/** A socket as `ws` gives one to the server: messages come in as events, answers go out through `send`. */
function fakeSocket(send: (text: string) => void) {
  return Object.assign(new EventEmitter(), { OPEN: 1, readyState: 1, send: vi.fn(send) });
}

const CONNECTION = { mode: 'local', region: 'us-east-1', tablePrefix: 't-', bucket: 'b' } as const;
const everyCall = { ...Object.fromEntries(Object.keys(CALLS).map((name) => [name, vi.fn()])), 'settings.connection': async () => CONNECTION } as unknown as Handlers;

describe('serveApiSocket after the token', () => {
  it('a failure while answering is logged and the caller still gets an answer, never an unhandled rejection', async () => {
    const log = { info: vi.fn(), error: vi.fn() };
    const sent: string[] = [];
    const broken = new Error('the frame could not be written');
    let first = true;
    const socket = fakeSocket((text) => {
      if (first) {
        first = false;
        throw broken;
      }
      sent.push(text);
    });
    serveApiSocket(socket as unknown as ServedSocket, everyCall, createEventHub(log), log, { accepts: (token) => token === 'right', timeoutMs: 60_000 });
    socket.emit('message', Buffer.from(JSON.stringify({ auth: 'right' })), false);
    socket.emit('message', Buffer.from(JSON.stringify({ id: 7, name: 'settings.connection', input: {} })), false);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(JSON.parse(sent[0] ?? '')).toEqual({ id: 7, result: { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } } });
    expect(log.error).toHaveBeenCalledWith('api socket message failed', { error: broken });
    // The next call is answered as usual.
    socket.emit('message', Buffer.from(JSON.stringify({ id: 8, name: 'settings.connection', input: {} })), false);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(JSON.parse(sent[1] ?? '')).toEqual({ id: 8, result: { ok: true, value: CONNECTION } });
  });
});
