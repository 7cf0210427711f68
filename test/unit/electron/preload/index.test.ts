import { describe, expect, it, vi } from 'vitest';
import type { PilotForceBridge } from '@shared/api/bridge';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'from main' })), on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '/home/me/photo.jpg') },
}));
electron.contextBridge.exposeInMainWorld.mockImplementation((key: string, api: unknown) => electron.exposed.set(key, api));
vi.mock('electron', () => electron);

await import('@preload/index');
const bridge = electron.exposed.get('pilotforce') as PilotForceBridge;

describe('preload bridge', () => {
  it('exposes only invoke, on and pathForFile', () => {
    expect([...electron.exposed.keys()]).toEqual(['pilotforce']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('invokes contract calls only', async () => {
    expect(await bridge.invoke('settings.connection', {})).toEqual({ ok: true, value: 'from main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('settings.connection', {});
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge.invoke('electron:devtools', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('listens to contract events only, without handing out the IPC event', () => {
    const listener = vi.fn();
    bridge.on('not.an.event', listener);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
    const off = bridge.on('sync.poke', listener);
    const forward = electron.ipcRenderer.on.mock.calls[0]?.[1] as (event: unknown, payload: unknown) => void;
    forward({ sender: 'ipc internals' }, { reason: 'push' });
    expect(listener).toHaveBeenCalledWith({ reason: 'push' });
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('sync.poke', forward);
  });

  it("gives a dropped file's path", () => {
    expect(bridge.pathForFile({})).toBe('/home/me/photo.jpg');
  });
});
