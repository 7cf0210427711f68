import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CALLS, type Handlers } from '@shared/api/contract';
import { dispatch } from '@shared/api/dispatch';
import { fail, type Result } from '@shared/api/result';
import { isAppUrl } from '../security';
import type { MainEvents, MainLog } from '../services';

/**
 * Carries the contract over Electron IPC: one `ipcMain.handle` per call, answering only frames of the
 * app's own origin, every payload through `dispatch`; events go to every app window.
 */
export function registerIpcTransport(options: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: Handlers;
  events: MainEvents;
  log: MainLog;
  /** The windows that receive events. */
  targets: () => WebContents[];
}): () => void {
  const names = Object.keys(CALLS);
  for (const name of names) {
    options.ipcMain.handle(name, (event, input: unknown) => handleCall(event, name, input));
  }
  const handleCall = async (event: IpcMainInvokeEvent, name: string, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      options.log.error('refused an IPC call from a foreign frame', { call: name });
      return fail('unauthorized', 'This window may not call the app.');
    }
    return dispatch(options.handlers, name, input, { transport: 'electron' }, (message, details) => options.log.error(message, details));
  };
  const unsubscribe = options.events.subscribe((event, payload) => {
    for (const contents of options.targets()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of names) options.ipcMain.removeHandler(name);
  };
}

/** Only the app's own page (custom scheme) may call main: not an iframe or a page navigated elsewhere. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** A window that has (re)loaded gets the current state events (connectivity) it missed while loading. */
export function sendCurrentState(events: MainEvents, contents: Pick<WebContents, 'send'>): void {
  const unsubscribe = events.subscribe((event, payload) => contents.send(event, payload));
  unsubscribe();
}
