import type { z } from 'zod';
import type { CallDefinition } from './define';
import type { ApiError, Result } from './result';
import { HISTORY_CALLS } from './history';
import { SETTINGS_CALLS, SETTINGS_EVENTS } from './settings';
import { SYNC_CALLS, SYNC_EVENTS } from './sync';
import { UPLOAD_CALLS, UPLOAD_EVENTS } from './uploads';

/**
 * The typed API between renderer and main: every call and event, with its schemas. Each concern
 * keeps its own file (sync, settings, uploads, history); channels are namespaced `concern.action`.
 */
export const CALLS = {
  ...SYNC_CALLS,
  ...SETTINGS_CALLS,
  ...UPLOAD_CALLS,
  ...HISTORY_CALLS,
} satisfies Record<string, CallDefinition>;

export const EVENTS = {
  ...SYNC_EVENTS,
  ...SETTINGS_EVENTS,
  ...UPLOAD_EVENTS,
} satisfies Record<string, z.ZodType>;

export type CallName = keyof typeof CALLS;
export type EventName = keyof typeof EVENTS;
/** What a caller passes (before defaults are applied). */
export type CallInput<N extends CallName> = z.input<(typeof CALLS)[N]['input']>;
/** What a caller gets back. */
export type CallOutput<N extends CallName> = z.output<(typeof CALLS)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

/** Who is calling: the transport fills this in after it has checked the sender. */
export type CallContext = { transport: 'electron' | 'web' };

/** Main's implementation of every call, typed from the contract. */
export type Handlers = {
  [N in CallName]: (input: z.output<(typeof CALLS)[N]['input']>, context: CallContext) => Promise<z.input<(typeof CALLS)[N]['output']>>;
};

/** The renderer's view of main, the same whichever transport carries it. */
export interface ApiClient {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Main's side of events: each transport subscribes and forwards to its renderers. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type { ApiError, Result };
