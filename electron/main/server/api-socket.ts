import type { WebSocket } from 'ws';
import type { Handlers } from '@shared/api/contract';
import { INTERNAL_MESSAGE, describeInput, dispatch } from '@shared/api/dispatch';
import { fail } from '@shared/api/result';
import { AUTH_REFUSED, type SocketMessage, type SocketRequest, SocketAuthSchema, SocketRequestSchema } from '@shared/api/socket-protocol';
import type { MainEvents, MainLog } from '../services';

export type SocketAuth = {
  /** True when the token of the socket's first message is this server's. */
  accepts(token: string): boolean;
  /** How long a socket may stay open without it. */
  timeoutMs?: number;
};

/**
 * Carries calls and events over one renderer's WebSocket, every call through `dispatch`. The first
 * message must be `{ auth: <token> }`: before it nothing is served (no event, no call); a wrong or
 * missing one closes the socket with AUTH_REFUSED.
 */
export function serveApiSocket(socket: WebSocket, handlers: Handlers, events: MainEvents, log: MainLog, auth: SocketAuth): void {
  const send = (message: SocketMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  let state: 'waiting' | 'open' | 'refused' = 'waiting';
  let unsubscribe: (() => void) | undefined;
  const refuse = () => {
    state = 'refused';
    socket.close(AUTH_REFUSED, 'unauthorized');
  };
  const timer = setTimeout(refuse, auth.timeoutMs ?? 10_000);
  socket.on('close', () => {
    clearTimeout(timer);
    unsubscribe?.();
  });
  socket.on('error', (error) => log.error('api socket error', { error }));

  socket.on('message', (data, isBinary) => {
    if (state === 'refused') return;
    if (state === 'waiting') {
      clearTimeout(timer);
      const offered = SocketAuthSchema.safeParse(isBinary ? undefined : parseJson(data.toString()));
      if (!offered.success || !auth.accepts(offered.data.auth)) return refuse();
      state = 'open';
      unsubscribe = events.subscribe((event, payload) => send({ event, payload }));
      return;
    }
    let id: SocketRequest['id'] | null = null;
    (async () => {
      const request = isBinary ? undefined : parseJson(data.toString());
      const envelope = SocketRequestSchema.safeParse(request);
      if (!envelope.success) {
        send({ id: null, result: fail('invalid_input', `Not a call: ${describeInput(envelope.error, request)}`) });
        return;
      }
      const { name, input } = envelope.data;
      id = envelope.data.id;
      const result = await dispatch(handlers, name, input, { transport: 'web' }, (message, details) =>
        log.error(message, details),
      );
      send({ id, result });
    })().catch((error: unknown) => {
      // Nothing may reject unhandled in main: the cause is logged and the caller still gets its answer.
      log.error('api socket message failed', { error });
      try {
        send({ id, result: fail('internal', INTERNAL_MESSAGE) });
      } catch {
        // The socket itself is what failed: its close ends the renderer's waiting.
      }
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
