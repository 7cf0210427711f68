import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_KEY, type PilotForceBridge } from '@shared/api/bridge';
import { CALLS, EVENTS } from '@shared/api/contract';
import { fail } from '@shared/api/result';

/**
 * The whole of what the renderer can reach in Electron: invoke a contract call, listen to a contract
 * event, and get the path of a dropped file. No ipcRenderer, no Node, no other channel.
 */
const callNames = new Set(Object.keys(CALLS));
const eventNames = new Set(Object.keys(EVENTS));

const bridge: PilotForceBridge = {
  invoke: async (name, input) => {
    if (!callNames.has(name)) return fail('invalid_input', 'Unknown call.');
    return ipcRenderer.invoke(name, input);
  },
  on: (event, listener) => {
    if (!eventNames.has(event)) return () => undefined;
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => void ipcRenderer.removeListener(event, forward);
  },
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
