import type { ApiClient, CallOutput, EventName, EventPayload } from '@shared/api/contract';
import { fail, type Result } from '@shared/api/result';
import { AUTH_REFUSED, SOCKET_PATH, SocketMessageSchema } from '@shared/api/socket-protocol';
import { NO_TOKEN_MESSAGE, REFUSED_TOKEN_MESSAGE, launchToken } from './launch-token';

type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
};

export type WebClientOptions = {
  /** `ws://<host>/api/socket` of the page's own origin when absent. */
  url?: string;
  /** The access token sent as the socket's first message; the tab's (launch-token.ts) when not given. */
  token?: string | undefined;
  createSocket?: (url: string) => SocketLike;
  /** Longest wait between reconnection attempts. */
  maxReconnectDelayMs?: number;
};

export type WebClient = ApiClient & { close(): void };

const LOST = 'Lost the connection to the PilotForce server; reconnecting.';

/**
 * The API over the loopback server's WebSocket (the browser build). Calls made while disconnected wait
 * for the next connection; calls in flight when it drops answer `unavailable` (main may or may not have
 * run them, as with any lost response: the sync protocol is idempotent for that reason). Without a token,
 * or once the server refused it, every call answers `unauthorized` and nothing reconnects.
 */
export function createWebClient(options: WebClientOptions = {}): WebClient {
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SOCKET_PATH}`;
  const token = 'token' in options ? options.token : launchToken();
  const createSocket = options.createSocket ?? ((target: string) => new WebSocket(target));
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const inFlight = new Map<number, (result: Result<unknown>) => void>();
  const waiting: Array<() => void> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike | undefined;
  let open = false;
  let closed = false;
  let refusal: string | undefined = token ? undefined : NO_TOKEN_MESSAGE;
  let attempt = 0;

  const connect = () => {
    const current = createSocket(url);
    socket = current;
    current.onopen = () => {
      // First, before any call: the server serves nothing until it has the token.
      current.send(JSON.stringify({ auth: token }));
      open = true;
      attempt = 0;
      for (const send of waiting.splice(0)) send();
    };
    current.onmessage = (event) => receive(event.data);
    current.onclose = (event) => {
      open = false;
      if (event.code === AUTH_REFUSED) refusal = REFUSED_TOKEN_MESSAGE;
      const answer = refusal ? fail('unauthorized', refusal) : fail('unavailable', LOST);
      for (const [id, resolve] of inFlight) {
        inFlight.delete(id);
        resolve(answer);
      }
      if (refusal) for (const send of waiting.splice(0)) send();
      if (closed || refusal) return;
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

  if (!refusal) connect();

  return {
    invoke(name, input) {
      return new Promise<Result<CallOutput<typeof name>>>((resolve) => {
        const id = nextId++;
        const send = () => {
          if (refusal) return resolve(fail('unauthorized', refusal));
          inFlight.set(id, resolve as (result: Result<unknown>) => void);
          socket?.send(JSON.stringify({ id, name, input }));
        };
        if (closed) resolve(fail('unavailable', LOST));
        else if (refusal) resolve(fail('unauthorized', refusal));
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
