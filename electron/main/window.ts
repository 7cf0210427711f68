import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, lockNavigation } from './security';

/**
 * The app's one window. Electron's security checklist as window options, written inline so that
 * electronegativity (which reads only the literal passed to `new BrowserWindow`) can check them: the
 * renderer gets no Node, no way around the preload, and middle-click cannot open a window.
 */
export function createMainWindow(preloadPath: string, opensExternally?: (url: string) => boolean): BrowserWindow {
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
  lockNavigation(window.webContents, opensExternally);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
