import { createContext, useContext, useEffect, useState } from 'react';
import type { ApiClient } from '@shared/api/contract';

/**
 * What the screens need beyond the local database: main's API (connection info, uploads) and the
 * sync loop's controls. The database itself comes from `PilotForceDbContext` (renderer/src/db).
 */
export type SyncControls = {
  /** Push and pull now, whatever the schedule says. */
  syncNow: () => void;
  /** The loop's state, for the indicator: called on every change; returns the unsubscribe. */
  subscribe: (listener: (status: SyncLoopStatus) => void) => () => void;
};

export type SyncLoopStatus = { state: 'offline' | 'syncing' | 'idle' | 'error'; lastSyncedAt?: string | undefined; error?: string | undefined };

export type AppServices = { api: ApiClient; sync?: SyncControls | undefined };

const ServicesContext = createContext<AppServices | null>(null);
export const ServicesProvider = ServicesContext.Provider;

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesProvider');
  return services;
}

/** Whether main can reach the backend, from its `connectivity.changed` events (the browser's guess until then). */
export function useOnline(): boolean {
  const { api } = useServices();
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => api.on('connectivity.changed', (event) => setOnline(event.online)), [api]);
  return online;
}

export function useSyncLoopStatus(): SyncLoopStatus | undefined {
  const { sync } = useServices();
  const [status, setStatus] = useState<SyncLoopStatus | undefined>();
  useEffect(() => sync?.subscribe(setStatus), [sync]);
  return status;
}
