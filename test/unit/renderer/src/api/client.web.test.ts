import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebClient } from '@renderer/api/client.web';

/** A WebSocket double the test drives: it opens, answers and drops when told. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState: 0 | 1 | 2 | 3 = 0;
  /** What the socket sent, the token first. */
  sent: Array<Record<string, unknown>> = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) } as MessageEvent);
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  /** The calls sent after the token. */
  calls() {
    return this.sent.slice(1) as Array<{ id: number; name: string; input: unknown }>;
  }
}

const newClient = (token = 'tab-token') => createWebClient({ url: 'ws://127.0.0.1:1/api/socket', token, createSocket: (url) => new FakeSocket(url) });
const latest = () => FakeSocket.all.at(-1) as FakeSocket;

afterEach(() => {
  FakeSocket.all = [];
  vi.useRealTimers();
});

describe('web API client', () => {
  it('holds calls until the socket opens, sends the token first, then matches answers to calls by id', async () => {
    const client = newClient();
    const first = client.invoke('settings.connection', {});
    const second = client.invoke('settings.testConnection', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent[0]).toEqual({ auth: 'tab-token' });
    const [a, b] = latest().calls();
    latest().receive({ id: b?.id, result: { ok: false, error: { code: 'unavailable', message: 'offline' } } });
    latest().receive({ id: a?.id, result: { ok: true, value: { mode: 'local' } } });
    expect(await first).toEqual({ ok: true, value: { mode: 'local' } });
    expect(await second).toEqual({ ok: false, error: { code: 'unavailable', message: 'offline' } });
    client.close();
  });

  it('answers calls in flight with unavailable when the connection drops, and reconnects', async () => {
    vi.useFakeTimers();
    const client = newClient();
    latest().open();
    const pending = client.invoke('settings.connection', {});
    latest().drop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(FakeSocket.all).toHaveLength(2);
    const next = client.invoke('settings.connection', {});
    latest().open();
    // Every new socket starts with the token again.
    expect(latest().sent[0]).toEqual({ auth: 'tab-token' });
    latest().receive({ id: latest().calls()[0]?.id, result: { ok: true, value: 'again' } });
    expect(await next).toEqual({ ok: true, value: 'again' });
    client.close();
  });

  it('delivers events to their listeners until they unsubscribe, ignoring malformed messages', () => {
    const client = newClient();
    latest().open();
    const listener = vi.fn();
    const off = client.on('connectivity.changed', listener);
    latest().receive('not json');
    latest().receive({ something: 'else' });
    latest().receive({ event: 'connectivity.changed', payload: { online: false, checkedAt: 'x' } });
    off();
    latest().receive({ event: 'connectivity.changed', payload: { online: true, checkedAt: 'y' } });
    expect(listener.mock.calls).toEqual([[{ online: false, checkedAt: 'x' }]]);
    client.close();
  });

  it('stops reconnecting once closed, and answers later calls unavailable', async () => {
    vi.useFakeTimers();
    const client = newClient();
    latest().open();
    client.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(await client.invoke('settings.connection', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('stops once the server refuses the token: calls answer unauthorized and nothing reconnects', async () => {
    vi.useFakeTimers();
    const client = newClient('old-token');
    latest().open();
    const pending = client.invoke('settings.connection', {});
    latest().drop(4401);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/npm start/) } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(await client.invoke('settings.connection', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('without a token opens no socket and answers every call unauthorized', async () => {
    const client = createWebClient({ url: 'ws://127.0.0.1:1/api/socket', token: undefined, createSocket: (url) => new FakeSocket(url) });
    expect(FakeSocket.all).toHaveLength(0);
    expect(await client.invoke('settings.connection', {})).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/no access token/) } });
  });
});
