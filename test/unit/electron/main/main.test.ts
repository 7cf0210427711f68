import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron's app object as main.ts uses it; `whenReady` never resolves, so nothing real starts. */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  return {
    handlers,
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn((name: string, handler: (...args: unknown[]) => void) => handlers.set(name, handler)),
      whenReady: vi.fn(() => new Promise(() => undefined)),
      getAppPath: vi.fn(() => '/app'),
      enableSandbox: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    BrowserWindow: { getAllWindows: vi.fn(() => []) },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    session: { defaultSession: {} },
    shell: { openExternal: vi.fn() },
  };
});
vi.mock('electron', () => electron);

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  electron.handlers.clear();
});

describe('Electron main lifecycle', { timeout: 60_000 }, () => {
  it('registers the app scheme as a secure standard scheme before ready', async () => {
    await import('@main/main');
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
  });

  it('sandboxes every renderer before ready', async () => {
    await import('@main/main');
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('@main/main');
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('locks every web contents created later and quits when the last window closes', async () => {
    await import('@main/main');
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.handlers.get('web-contents-created')?.({}, contents);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    electron.handlers.get('window-all-closed')?.();
    expect(electron.app.quit).toHaveBeenCalledOnce();
  });
});
