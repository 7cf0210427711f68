import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import type { SyncControls } from './app/services';
import { ErrorView } from './app/states';
import { appTheme } from './app/theme';
import { createApiClient, electronBridge, requestPersistentStorage } from './api';
import { NO_TOKEN_MESSAGE, launchToken } from './api/launch-token';
import { openPilotForceDb } from './db';
import { SyncClient } from './sync';

/** The entry: opens the API and the local database, starts the sync loop, renders the office app. */
async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  // Browser build, opened without the printed address: nothing here could sync.
  if (!electronBridge() && !launchToken()) {
    createRoot(container).render(
      <MantineProvider theme={appTheme} defaultColorScheme="auto">
        <ErrorView title="Open the address that npm start printed" error={new Error(NO_TOKEN_MESSAGE)} />
      </MantineProvider>,
    );
    return;
  }
  void requestPersistentStorage();
  const api = createApiClient();
  const db = await openPilotForceDb();
  const syncClient = new SyncClient(db, api);
  syncClient.start();
  const sync: SyncControls = {
    syncNow: () => void syncClient.requestSync(),
    subscribe: (listener) =>
      syncClient.subscribe((status) =>
        listener({ state: status.state, lastSyncedAt: status.lastSyncedAt ?? undefined, error: status.error ?? undefined }),
      ),
  };
  createRoot(container).render(
    <StrictMode>
      <App db={db} api={api} sync={sync} />
    </StrictMode>,
  );
}

void main();
