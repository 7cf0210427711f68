import { BRIDGE_KEY, type PilotForceBridge } from '@shared/api/bridge';
import type { ApiClient } from '@shared/api/contract';
import { createElectronClient } from './client.electron';
import { createWebClient } from './client.web';

/** The bridge Electron's preload exposes, absent in the browser build. */
export function electronBridge(): PilotForceBridge | undefined {
  return (window as unknown as Record<string, PilotForceBridge | undefined>)[BRIDGE_KEY];
}

/** One ApiClient, whichever runtime carries it: Electron IPC when the preload is there, else the loopback WebSocket. */
export function createApiClient(): ApiClient {
  const bridge = electronBridge();
  return bridge ? createElectronClient(bridge) : createWebClient();
}

/**
 * Asks the browser not to evict the local database (the outbox may hold unsynced edits). Electron's
 * custom scheme is persistent already; a browser may say no, which the app can live with.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
