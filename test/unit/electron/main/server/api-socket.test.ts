import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { serveApiSocket } from '../../../../../electron/main/server/api-socket';
import { createEventHub } from '../../../../../electron/main/services';
import { CALLS, type Handlers } from '../../../../../shared/api/contract';
import { INTERNAL_MESSAGE } from '../../../../../shared/api/dispatch';

/** A socket as `ws` gives one to the server: messages come in as events, answers go out through `send`. */
function fakeSocket(send: (text: string) => void) {
  return Object.assign(new EventEmitter(), { OPEN: 1, readyState: 1, send: vi.fn(send) });
}

const CONNECTION = { mode: 'local', region: 'us-east-1', tablePrefix: 't-', bucket: 'b' } as const;
const handlers = { ...Object.fromEntries(Object.keys(CALLS).map((name) => [name, vi.fn()])), 'settings.connection': async () => CONNECTION } as unknown as Handlers;

describe('serveApiSocket', () => {
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
    serveApiSocket(socket as unknown as WebSocket, handlers, createEventHub(log), log);
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
