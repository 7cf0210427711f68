import type { ApiClient, CallOutput, EventName, EventPayload } from '@shared/api/contract';
import { fail, type Result } from '@shared/api/result';
import { SOCKET_PATH, SocketMessageSchema } from '@shared/api/socket-protocol';

type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
};

export type WebClientOptions = {
  /** `ws://<host>/api/socket` of the page's own origin when absent. */
  url?: string;
  createSocket?: (url: string) => SocketLike;
  /** Longest wait between reconnection attempts. */
  maxReconnectDelayMs?: number;
};

export type WebClient = ApiClient & { close(): void };

const LOST = 'Lost the connection to the PilotForce server; reconnecting.';

/**
 * The API over the loopback server's WebSocket (the browser build). Calls made while disconnected wait
 * for the next connection; calls in flight when it drops answer `unavailable` (main may or may not have
 * run them, as with any lost response: the sync protocol is idempotent for that reason).
 */
export function createWebClient(options: WebClientOptions = {}): WebClient {
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SOCKET_PATH}`;
  const createSocket = options.createSocket ?? ((target: string) => new WebSocket(target));
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const inFlight = new Map<number, (result: Result<unknown>) => void>();
  const waiting: Array<() => void> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike | undefined;
  let open = false;
  let closed = false;
  let attempt = 0;

  const connect = () => {
    const current = createSocket(url);
    socket = current;
    current.onopen = () => {
      open = true;
      attempt = 0;
      for (const send of waiting.splice(0)) send();
    };
    current.onmessage = (event) => receive(event.data);
    current.onclose = () => {
      open = false;
      for (const [id, resolve] of inFlight) {
        inFlight.delete(id);
        resolve(fail('unavailable', LOST));
      }
      if (closed) return;
      attempt += 1;
      setTimeout(connect, Math.min(maxDelay, 100 * 2 ** attempt));
    };
  };

  const receive = (data: unknown) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      return;
    }
    const message = SocketMessageSchema.safeParse(parsed);
    if (!message.success) return;
    if ('event' in message.data) {
      const { event, payload } = message.data;
      for (const listener of listeners.get(event) ?? []) listener(payload);
      return;
    }
    const { id, result } = message.data;
    if (typeof id !== 'number') return;
    inFlight.get(id)?.(result);
    inFlight.delete(id);
  };

  connect();

  return {
    invoke(name, input) {
      return new Promise<Result<CallOutput<typeof name>>>((resolve) => {
        const id = nextId++;
        const send = () => {
          inFlight.set(id, resolve as (result: Result<unknown>) => void);
          socket?.send(JSON.stringify({ id, name, input }));
        };
        if (closed) resolve(fail('unavailable', LOST));
        else if (open) send();
        else waiting.push(send);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const forEvent = listeners.get(event) ?? new Set();
      listeners.set(event, forEvent);
      const untyped = listener as (payload: unknown) => void;
      forEvent.add(untyped);
      return () => void forEvent.delete(untyped);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
