import { BrowserWindow } from 'electron';
import { terminalLog } from './log';
import { APP_ENTRY_URL, lockNavigation } from './security';
import type { MainLog } from './services';

/**
 * The app's one window. Electron's security checklist as window options, written inline so that
 * electronegativity (which reads only the literal passed to `new BrowserWindow`) can check them: the
 * renderer gets no Node, no way around the preload, and middle-click cannot open a window.
 */
export function createMainWindow(preloadPath: string, opensExternally?: (url: string) => boolean, log: MainLog = terminalLog): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'PilotForce Admin',
    webPreferences: {
      preload: preloadPath,
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
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockNavigation(window.webContents, opensExternally, log);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('the window did not load the app', { error }));
  return window;
}
