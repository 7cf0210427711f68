import type { WebSocket } from 'ws';
import type { Handlers } from '../../../shared/api/contract';
import { INTERNAL_MESSAGE, dispatch, describeIssues } from '../../../shared/api/dispatch';
import { fail } from '../../../shared/api/result';
import { type SocketMessage, type SocketRequest, SocketRequestSchema } from '../../../shared/api/socket-protocol';
import type { MainEvents, MainLog } from '../services';

/** Carries calls and events over one renderer's WebSocket, every call through `dispatch`. */
export function serveApiSocket(socket: WebSocket, handlers: Handlers, events: MainEvents, log: MainLog): void {
  const send = (message: SocketMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = events.subscribe((event, payload) => send({ event, payload }));
  socket.on('close', unsubscribe);
  socket.on('error', (error) => log.error('api socket error', { error }));

  socket.on('message', (data, isBinary) => {
    let id: SocketRequest['id'] | null = null;
    (async () => {
      const request = isBinary ? undefined : parseJson(data.toString());
      const envelope = SocketRequestSchema.safeParse(request);
      if (!envelope.success) {
        send({ id: null, result: fail('invalid_input', `Not a call: ${describeIssues(envelope.error)}`) });
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
