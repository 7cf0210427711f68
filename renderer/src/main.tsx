import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import type { SyncControls } from '@renderer/common/services';
import { createApiClient, requestPersistentStorage } from './api';
import { openPilotForceDb } from './db';
import { SyncClient } from './sync';

/** The entry: opens the API and the local database, starts the sync loop, renders the office app. */
async function main(): Promise<void> {
  void requestPersistentStorage();
  const api = createApiClient();
  const db = await openPilotForceDb();
  const syncClient = new SyncClient(db, api);
  syncClient.start();
  const sync: SyncControls = { syncNow: () => void syncClient.requestSync() };
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <App db={db} api={api} sync={sync} />
    </StrictMode>,
  );
}

void main();
