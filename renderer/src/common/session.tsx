import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { readMeta, setWorkingAs, useDb, writeMeta } from '@renderer/db';
import { readSchoolSettings } from './school-settings';
import { isValidTimeZone, systemTimeZone } from './time-zone';
import type { UserItem } from './items';

/**
 * Meta keys of this screen layer: the staff user's id (their name goes to `workingAs`), and the zone
 * this desk used before the school's settings were synced (the fallback until a settings item exists).
 */
const STAFF_USER_ID = 'staffUserId';
const DESK_TIME_ZONE = 'schoolTimeZone';

/** Who is working at this desk (local) and the school's time zone (from the synced school settings). */
export type Session = {
  loading: boolean;
  staff: UserItem | undefined;
  /** The name recorded as `updatedBy` on every change this person makes. */
  who: string;
  /** The school's zone from its synced settings; this desk's own only while no settings item exists. */
  timeZone: string;
  setStaff: (user: UserItem) => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const stored = useLiveQuery(async () => {
    const staffUserId = await readMeta<string>(db, STAFF_USER_ID);
    const school = await readSchoolSettings(db);
    const timeZone = school ? school.timeZone : await readMeta<string>(db, DESK_TIME_ZONE);
    const staff = staffUserId ? await db.users.get(staffUserId) : undefined;
    return { staff, timeZone };
  }, [db]);

  const setStaff = useCallback(
    async (user: UserItem) => {
      await db.transaction('rw', db.meta, async () => {
        await writeMeta(db, STAFF_USER_ID, user.userId);
        await setWorkingAs(db, user.name);
      });
    },
    [db],
  );

  const session = useMemo<Session>(
    () => ({
      loading: stored === undefined,
      staff: stored?.staff,
      who: stored?.staff?.name ?? '',
      timeZone: stored?.timeZone && isValidTimeZone(stored.timeZone) ? stored.timeZone : systemTimeZone(),
      setStaff,
    }),
    [stored, setStaff],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
