import type { PilotForceBridge } from '@shared/api/bridge';
import type { ApiClient, CallOutput, EventPayload } from '@shared/api/contract';
import type { Result } from '@shared/api/result';

/** The API over Electron IPC: the preload's bridge already validates channels; main validates payloads. */
export function createElectronClient(bridge: PilotForceBridge): ApiClient {
  return {
    invoke: (name, input) => bridge.invoke(name, input) as Promise<Result<CallOutput<typeof name>>>,
    on: (event, listener) => bridge.on(event, (payload) => listener(payload as EventPayload<typeof event>)),
  };
}
