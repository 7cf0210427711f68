import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../db/hooks';
import { readStatus, type SyncStatus } from './scheduler';

/**
 * The one sync status, live, in any window (the loop's part is kept in the database by the window
 * running it): undefined until first read.
 */
export function useSyncStatus(): SyncStatus | undefined {
  const db = useDb();
  return useLiveQuery(() => readStatus(db), [db]);
}
