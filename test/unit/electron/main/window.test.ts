import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: Array<{ options: unknown; loadURL: ReturnType<typeof vi.fn>; webContents: { on: ReturnType<typeof vi.fn>; setWindowOpenHandler: ReturnType<typeof vi.fn> } }> = [];
  class BrowserWindow {
    loadURL = vi.fn(async () => undefined);
    once = vi.fn();
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(readonly options: unknown) {
      created.push(this);
    }
  }
  return { BrowserWindow, shell: { openExternal: vi.fn() }, created };
});
vi.mock('electron', () => electron);

const { createMainWindow } = await import('@main/window');

describe('main window', () => {
  it('runs the renderer isolated and sandboxed, without Node, with web security on', () => {
    createMainWindow('/app/dist/electron/preload.cjs');
    const { webPreferences } = electron.created.at(-1)?.options as { webPreferences: unknown };
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the app from its custom scheme and locks the window', () => {
    createMainWindow('/preload.cjs');
    const window = electron.created.at(-1);
    expect(window?.loadURL).toHaveBeenCalledWith('app://pilotforce/index.html');
    expect(window?.webContents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(window?.webContents.setWindowOpenHandler).toHaveBeenCalledOnce();
  });
});
