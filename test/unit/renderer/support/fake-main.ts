import type { ApiClient, CallInput, CallName, CallOutput, EventName, EventPayload } from '@shared/api/contract';
import { fail, ok, type Result } from '@shared/api/result';

type Answer<N extends CallName> = (input: CallInput<N>) => CallOutput<N> | Promise<CallOutput<N>> | 'offline';

/**
 * Main, as the renderer sees it through its ApiClient, answering with scripted values: these unit
 * tests are about what the client does with each answer. (The real main on DynamoDB Local is in
 * test/integration/sync.)
 */
export function fakeMain(answers: { [N in CallName]?: Answer<N> }) {
  const calls: Array<{ name: CallName; input: unknown }> = [];
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const api: ApiClient = {
    async invoke(name, input) {
      calls.push({ name, input });
      const answer = answers[name] as Answer<typeof name> | undefined;
      if (!answer) return fail('unsupported', `no answer scripted for ${name}`) as Result<never>;
      const value = await answer(input);
      return (value === 'offline' ? fail('unavailable', 'offline') : ok(value)) as Result<never>;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) (listener as (payload: EventPayload<E>) => void)(payload);
  };
  return { api, calls, emit };
}
