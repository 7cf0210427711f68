import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { showFailure } from '@renderer/common/failures';
import type { SyncControls } from '@renderer/common/services';
import { ErrorView } from '@renderer/common/states';
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
  // Without persistence the browser may evict the cache under storage pressure; everything still works.
  requestPersistentStorage().catch((error: unknown) => console.warn('Persistent storage not granted', error));
  const api = createApiClient();
  const db = await openPilotForceDb();
  const syncClient = new SyncClient(db, api);
  syncClient.start();
  const sync: SyncControls = {
    syncNow: () => {
      syncClient.requestSync().catch((error: unknown) => showFailure(error, 'Sync not requested'));
    },
  };
  createRoot(container).render(
    <StrictMode>
      <App db={db} api={api} sync={sync} />
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  // Nothing is rendered yet to show it in: the page says so instead of staying blank.
  console.error('PilotForce could not start', error);
  document.body.textContent = `PilotForce could not start: ${error instanceof Error ? error.message : String(error)}`;
});
