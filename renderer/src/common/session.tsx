import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { readMeta, setWorkingAs, useDb, writeMeta } from '@renderer/db';
import { isValidTimeZone, systemTimeZone } from './time-zone';
import type { UserItem } from './items';

/** Meta keys of this screen layer: the staff user's id (their name goes to `workingAs`) and the school's zone. */
const STAFF_USER_ID = 'staffUserId';
const SCHOOL_TIME_ZONE = 'schoolTimeZone';

/** Who is working at this desk and the school's time zone, kept in the local database. */
export type Session = {
  loading: boolean;
  staff: UserItem | undefined;
  /** The name recorded as `updatedBy` on every change this person makes. */
  who: string;
  timeZone: string;
  setStaff: (user: UserItem) => Promise<void>;
  setTimeZone: (timeZone: string) => Promise<void>;
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
    const timeZone = await readMeta<string>(db, SCHOOL_TIME_ZONE);
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
  const setTimeZone = useCallback(
    async (timeZone: string) => {
      if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone ${timeZone}`);
      await writeMeta(db, SCHOOL_TIME_ZONE, timeZone);
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
      setTimeZone,
    }),
    [stored, setStaff, setTimeZone],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
