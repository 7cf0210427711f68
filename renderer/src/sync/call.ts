import type { ApiClient, ApiError, CallInput, CallName, CallOutput } from '@shared/api/contract';

/** A sync call that failed; `unavailable` means offline (a normal state), anything else is an error. */
export class SyncCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'SyncCallError';
  }

  get offline(): boolean {
    return this.error.code === 'unavailable';
  }
}

/** Invokes a call and returns its value, or throws a SyncCallError. */
export async function call<N extends CallName>(api: ApiClient, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  let result;
  try {
    result = await api.invoke(name, input);
  } catch (cause) {
    // A transport that throws instead of answering (a dropped connection) is offline for now.
    throw new SyncCallError({ code: 'unavailable', message: cause instanceof Error ? cause.message : String(cause) });
  }
  if (!result.ok) throw new SyncCallError(result.error);
  return result.value;
}
