import { notifications } from '@mantine/notifications';
import { liveQuery } from 'dexie';
import type { Mutation } from '@shared/sync';
import type { OutboxEntry, PilotForceDb } from '@renderer/db';
import { screenShortcut } from './routes';

/** The words a save's notice says while its changes wait for the server, and once the server has them. */
export const SAVED_HERE = 'Saved on this desk, not yet sent';
export const SENT = 'Saved and sent to the server';

/**
 * Tells what a save did, honestly: "saved on this desk, not yet sent" until the server has every
 * change of it (their outbox entries are gone), then "sent"; a change that lost a conflict or that the
 * server refused says so, pointing to the Sync screen. No notice for a save that changed nothing.
 */
export function noticeSaved(db: PilotForceDb, what: string, written: ReadonlyArray<Mutation | null> | Mutation | null): void {
  const seqs = (Array.isArray(written) ? written : [written]).flatMap((mutation: Mutation | null) => (mutation ? [mutation.seq] : []));
  if (seqs.length === 0) return;
  const id = `saved-${seqs.join('-')}`;
  const stop = () => subscription.unsubscribe();
  notifications.show({ id, title: what, message: SAVED_HERE, color: 'blue', loading: true, autoClose: 10_000, onClose: stop });
  const sync = `the Sync screen (${screenShortcut('sync')})`;
  const subscription = liveQuery(async () => ({ entries: await db.outbox.bulkGet(seqs), conflicts: await db.conflicts.bulkGet(seqs) })).subscribe({
    next: ({ entries, conflicts }) => {
      const waiting = entries.filter((entry): entry is OutboxEntry => entry !== undefined);
      const clash = conflicts.some((conflict) => conflict?.reason === 'clash');
      const outcome = clash
        ? { color: 'red', message: `Not sent: the aircraft or instructor is already booked then. Choose how it goes on, on ${sync}.` }
        : waiting.some((entry) => entry.state === 'parked-conflict')
        ? { color: 'red', message: `Not sent: someone changed it first. Decide on ${sync}.` }
        : waiting.some((entry) => entry.state === 'parked-rejected')
          ? { color: 'red', message: `Not sent: the server refused it. See why on ${sync}.` }
          : waiting.length === 0
            ? { color: 'teal', message: SENT }
            : undefined;
      if (!outcome) return;
      // After `subscribe` has returned, even were this first answer given at once.
      queueMicrotask(stop);
      notifications.update({ id, title: what, ...outcome, loading: false, autoClose: outcome.color === 'teal' ? 3_000 : false });
    },
    error: stop,
  });
}
