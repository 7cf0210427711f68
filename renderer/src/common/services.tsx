import { createContext, useContext, useEffect, useState } from 'react';
import type { ApiClient } from '@shared/api/contract';

/**
 * What the screens need beyond the local database: main's API (connection info, uploads) and the
 * sync loop's controls. The database itself comes from `PilotForceDbContext` (renderer/src/db).
 */
export type SyncControls = {
  /** Push and pull now, whatever the schedule says. (The status itself is read from the database: useSyncStatus.) */
  syncNow: () => void;
};

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
