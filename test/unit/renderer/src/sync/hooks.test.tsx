import { render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { PilotForceDbContext } from '@renderer/db/hooks';
import { createItem } from '@renderer/db/local-writes';
import type { PilotForceDb } from '@renderer/db/schema';
import { useSyncStatus } from '@renderer/sync/hooks';
import { SyncClient } from '@renderer/sync/scheduler';
import { aBooking } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { fakeMain } from '@test/unit/renderer/support/fake-main';

let db: PilotForceDb;
let client: SyncClient | undefined;
afterEach(() => {
  client?.stop();
  db?.close();
});

function StatusLine() {
  const status = useSyncStatus();
  return <p>{status ? `${status.state}, ${status.pending} pending` : 'reading'}</p>;
}

it('useSyncStatus shows the loop state and the pending count, offline as a normal state', async () => {
  db = await freshDb();
  const main = fakeMain({ 'sync.pull': () => 'offline', 'sync.push': () => 'offline' });
  client = new SyncClient(db, main.api, { intervalMs: 3_600_000, debounceMs: 5 });
  client.start();
  render(
    <PilotForceDbContext.Provider value={db}>
      <StatusLine />
    </PilotForceDbContext.Provider>,
  );
  await createItem(db, 'bookings', aBooking(), 'alice');
  expect(await screen.findByText('offline, 1 pending')).toBeInTheDocument();
});
