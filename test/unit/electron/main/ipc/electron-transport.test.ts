import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CALLS, type Handlers } from '@shared/api/contract';
import { ApiFailure } from '@shared/api/result';
import { createEventHub } from '@main/services';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));
const { registerIpcTransport, sendCurrentState } = await import('@main/ipc/electron-transport');
const { serveRenderer } = await import('@main/ipc/electron-protocol');

const CONNECTION = { mode: 'local', region: 'us-east-1', tablePrefix: '', bucket: 'b' } as const;
const log = { info: vi.fn(), error: vi.fn() };

function setUp() {
  const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const ipcMain = { handle: vi.fn((name: string, handler) => registered.set(name, handler)), removeHandler: vi.fn((name: string) => registered.delete(name)) };
  const unsupported = async () => {
    throw new ApiFailure('unsupported', 'no');
  };
  const handlers = {
    ...Object.fromEntries(Object.keys(CALLS).map((name) => [name, unsupported])),
    'settings.connection': vi.fn(async () => CONNECTION),
  } as unknown as Handlers;
  const events = createEventHub(log);
  const window = { isDestroyed: () => false, getURL: () => 'app://pilotforce/index.html', send: vi.fn() };
  const foreign = { isDestroyed: () => false, getURL: () => 'https://evil.example/', send: vi.fn() };
  const stop = registerIpcTransport({ ipcMain: ipcMain as never, handlers, events, log, targets: () => [window, foreign] as never });
  const call = (name: string, input: unknown, frame: { url: string; parent: unknown } | null) => registered.get(name)?.({ senderFrame: frame }, input);
  return { registered, handlers, events, window, foreign, stop, call };
}

const appFrame = { url: 'app://pilotforce/index.html#/bookings', parent: null };

describe('Electron IPC transport', () => {
  it('registers one handler per contract call and removes them all', () => {
    const { registered, stop } = setUp();
    expect([...registered.keys()].sort()).toEqual(Object.keys(CALLS).sort());
    stop();
    expect(registered.size).toBe(0);
  });

  it('answers the app frame through dispatch', async () => {
    const { call } = setUp();
    expect(await call('settings.connection', {}, appFrame)).toEqual({ ok: true, value: CONNECTION });
  });

  it('refuses a foreign frame, a subframe and a missing frame without running the handler', async () => {
    const { call, handlers } = setUp();
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://pilotforce/index.html', parent: {} }, { url: 'file:///x.html', parent: null }, null]) {
      expect(await call('settings.connection', {}, frame)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(handlers['settings.connection']).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload with the paths at fault', async () => {
    const { call } = setUp();
    const result = await call('sync.pull', { entity: 'planes', checkpoint: 'x' }, appFrame);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(result)).toContain('entity');
  });

  it('forwards events to app windows only', () => {
    const { events, window, foreign } = setUp();
    events.emit('sync.poke', { reason: 'push', entity: 'users' });
    expect(window.send).toHaveBeenCalledWith('sync.poke', { reason: 'push', entity: 'users' });
    expect(foreign.send).not.toHaveBeenCalled();
  });
});

describe('state events for a window that loads late', () => {
  it('sends the current connectivity once, and nothing after', () => {
    const events = createEventHub(log);
    const contents = { send: vi.fn() };
    sendCurrentState(events, contents);
    expect(contents.send).not.toHaveBeenCalled();
    events.emit('connectivity.changed', { online: false, checkedAt: '2026-01-01T00:00:00.000Z' });
    sendCurrentState(events, contents);
    expect(contents.send).toHaveBeenCalledWith('connectivity.changed', { online: false, checkedAt: '2026-01-01T00:00:00.000Z' });
    events.emit('connectivity.changed', { online: true, checkedAt: '2026-01-01T00:00:01.000Z' });
    expect(contents.send).toHaveBeenCalledOnce();
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP and refuses other hosts and paths outside it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pf-renderer-'));
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    let handler: ((request: Request) => Promise<Response>) | undefined;
    serveRenderer({ handle: (_scheme: string, given: typeof handler) => (handler = given) } as never, root);
    const page = await handler?.(new Request('app://pilotforce/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page?.headers.get('content-type')).toContain('text/html');
    expect((await handler?.(new Request('app://other/index.html')))?.status).toBe(404);
    expect((await handler?.(new Request('app://pilotforce/../../etc/passwd')))?.status).toBe(404);
    await rm(root, { recursive: true, force: true });
  });
});
