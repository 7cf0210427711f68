import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SyncClient, SyncStatus } from './scheduler';

const SyncClientContext = createContext<SyncClient | null>(null);

/** Starts the sync client for the app's lifetime (only one window runs the loop) and provides it. */
export function SyncProvider({ client, children }: { client: SyncClient; children: ReactNode }) {
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  return createElement(SyncClientContext.Provider, { value: client }, children);
}

export function useSyncClient(): SyncClient {
  const client = useContext(SyncClientContext);
  if (!client) throw new Error('useSyncClient needs a SyncProvider');
  return client;
}

/** The live sync status (state, pending, conflicts, last synced), or undefined until first read. */
export function useSyncStatus(): SyncStatus | undefined {
  const client = useSyncClient();
  const [status, setStatus] = useState<SyncStatus>();
  useEffect(() => client.subscribe(setStatus), [client]);
  return status;
}
