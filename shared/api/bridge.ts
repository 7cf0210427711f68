import type { Result } from './result';

/**
 * What Electron's preload exposes as `window.pilotforce` (contextBridge): only these three functions,
 * and only for the contract's channels. The renderer wraps it into an `ApiClient`.
 */
export type PilotForceBridge = {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The path of a file dropped or picked in the window, so main can stage it (File.path is gone). */
  pathForFile(file: unknown): string;
};

export const BRIDGE_KEY = 'pilotforce';
