import { BrowserWindow, app, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { launchSettings } from './app-config';
import { APP_SCHEME_PRIVILEGES, serveRenderer } from './ipc/electron-protocol';
import { registerIpcTransport, sendCurrentState } from './ipc/electron-transport';
import { createAppLog } from './log';
import { keepServingOnUnexpectedErrors } from './process-guard';
import { denyPermissions, isPresignedObjectUrl, isSafeExternalUrl, lockNavigation } from './security';
import type { MainLog } from './services';
import { type RunningApp, startApp } from './start-app';
import { createMainWindow } from './window';

/**
 * The desktop app's lifecycle: one instance, one window on `app://pilotforce`, the typed API over IPC.
 * Everything else (backend, sync, uploads) is in the Electron-free services that `startApp` builds.
 */
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// Every renderer sandboxed, whatever a window's options say (Electron's checklist, item 4).
app.enableSandbox();

const consoleLog: MainLog = {
  info: (message, details) => console.log(message, details ?? ''),
  error: (message, details) => console.error(message, details ?? ''),
};
/** The redacting file log once the data folder is known (the console until then). */
let log: MainLog = consoleLog;

let running: RunningApp | undefined;
let stopIpc: (() => void) | undefined;

/** Allow-listed help pages, and an asset's presigned address ("Open file"), open in the user's browser. */
const opensExternally = (url: string) => isSafeExternalUrl(url) || (running !== undefined && isPresignedObjectUrl(url, running.backend));

if (!app.requestSingleInstanceLock()) {
  // Two instances would share one local database and backend: the second one hands over to the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  // Any web contents created later (devtools aside) gets the same locks as the main window.
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, opensExternally, log));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopIpc?.();
    running?.stop().catch((error: unknown) => log.error('PilotForce did not stop cleanly', { error }));
  });
  app
    .whenReady()
    .then(async () => {
      denyPermissions(session.defaultSession);
      const settings = launchSettings();
      log = createAppLog(settings.dataDir, consoleLog);
      keepServingOnUnexpectedErrors(log);
      const appPath = app.getAppPath();
      serveRenderer(protocol, join(appPath, 'dist', 'renderer'));
      running = await startApp({ settings, log });
      stopIpc = registerIpcTransport({
        ipcMain,
        handlers: running.services.handlers,
        events: running.services.events,
        log,
        targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
      });
      const { events } = running.services;
      const window = createMainWindow(join(appPath, 'dist', 'electron', 'preload.cjs'), opensExternally, log);
      window.webContents.on('did-finish-load', () => sendCurrentState(events, window.webContents));
    })
    .catch((error: unknown) => {
      log.error('PilotForce could not start', { error });
      app.exit(1);
    });
}
