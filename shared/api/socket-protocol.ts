import { z } from 'zod';
import { ApiErrorSchema } from './result';

/**
 * Messages of the loopback transport's WebSocket (the browser build). Calls and results are the same
 * as over Electron IPC; values are already in a form JSON carries (shared/values.ts).
 */
export const SOCKET_PATH = '/api/socket';
/** Staging a file in the browser build: POST the file as the body (Electron gives main the path instead). */
export const STAGE_PATH = '/api/stage';
/** The page's access token on every HTTP API request (browser build); the WebSocket's first message carries it. */
export const TOKEN_HEADER = 'X-PilotForce-Token';
/** The first message on the socket, before which nothing is served. */
export const SocketAuthSchema = z.object({ auth: z.string().min(1).max(256) });
/** The close code of a socket whose first message had no valid token. */
export const AUTH_REFUSED = 4401;

export const RequestIdSchema = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);

/** Renderer to main. */
export const SocketRequestSchema = z.object({ id: RequestIdSchema, name: z.string().max(100), input: z.unknown() });
export type SocketRequest = z.infer<typeof SocketRequestSchema>;

const ResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

/** Main to renderer: the result of a call, or a pushed event. */
export const SocketMessageSchema = z.union([
  z.object({ id: RequestIdSchema.nullable(), result: ResultSchema }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);
export type SocketMessage = z.infer<typeof SocketMessageSchema>;
