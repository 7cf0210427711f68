import { screen, waitFor, within } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createItem, PilotForceDbContext, updateItem, type PilotForceDb } from '@renderer/db';
import { downloadText } from '@renderer/common/download';
import { ResetLocalData } from '@renderer/features/settings/ResetLocalData';
import { aUser } from '@test/support/builders';
import { freshDb } from '@test/unit/renderer/support/db-fixtures';
import { renderWithMantine } from '@test/unit/renderer/support/render';

vi.mock('@renderer/common/download', () => ({ downloadText: vi.fn() }));

let db: PilotForceDb;
let restart: ReturnType<typeof vi.fn<() => void>>;
beforeEach(async () => {
  db = await freshDb();
  restart = vi.fn<() => void>();
  vi.mocked(downloadText).mockClear();
});
afterEach(() => db.close());

function renderReset() {
  const rendered = renderWithMantine(
    <PilotForceDbContext.Provider value={db}>
      <ResetLocalData restart={restart} />
    </PilotForceDbContext.Provider>,
  );
  return { ...rendered, section: screen.getByRole('region', { name: 'Reset local data' }) };
}

const resetButton = () => screen.getByRole('button', { name: 'Reset local data…' });

async function confirmReset(user: ReturnType<typeof renderWithMantine>['user']) {
  await user.click(resetButton());
  const dialog = await screen.findByRole('dialog', { name: 'Reset local data?' });
  await user.click(within(dialog).getByRole('button', { name: 'Reset and sync again' }));
}

describe('Reset local data', { timeout: 30_000 }, () => {
  it('on a desk whose changes are all on the server: confirms, deletes the local database and starts the app again', async () => {
    const { user, section } = renderReset();
    expect(await within(section).findByText(/Every change made on this desk is on the server/)).toBeTruthy();
    await user.click(resetButton());
    const dialog = await screen.findByRole('dialog', { name: 'Reset local data?' });
    await user.click(within(dialog).getByRole('button', { name: "Keep this desk's data" }));
    expect(await Dexie.exists(db.name)).toBe(true);
    expect(restart).not.toHaveBeenCalled();

    await confirmReset(user);
    await waitFor(() => expect(restart).toHaveBeenCalledTimes(1));
    expect(await Dexie.exists(db.name)).toBe(false);
  });

  it('is refused while a change is not on the server, and allowed once the changes are exported to a file', async () => {
    await createItem(db, 'users', aUser({ userId: 'u-ada', name: 'Ada Admin' }), 'Sam Staff');
    const { user, section } = renderReset();
    expect(await within(section).findByText(/This desk has 1 change not on the server yet: 1 waiting to be sent\./)).toBeTruthy();
    expect(resetButton()).toHaveProperty('disabled', true);
    expect(section.textContent).not.toMatch(/u-ada|outbox|\{/);

    await user.click(within(section).getByRole('button', { name: 'Export unsent changes' }));
    // The export reads the outbox before it downloads: wait for it rather than race it.
    await waitFor(() => expect(downloadText).toHaveBeenCalledTimes(1));
    const [fileName, text, type] = vi.mocked(downloadText).mock.calls[0]!;
    expect(fileName).toMatch(/^pilotforce-unsent-changes-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    expect(type).toBe('application/json');
    const exported = JSON.parse(text) as { outbox: Array<{ state: string; mutation: { kind: string; key: string } }> };
    expect(exported.outbox).toEqual([expect.objectContaining({ state: 'pending', mutation: expect.objectContaining({ kind: 'create', key: 'u-ada' }) })]);
    expect(await within(section).findByText(`Exported to ${fileName}. A reset now removes them from this desk.`)).toBeTruthy();

    await confirmReset(user);
    await waitFor(() => expect(restart).toHaveBeenCalledTimes(1));
    expect(await Dexie.exists(db.name)).toBe(false);
  });

  it('asks for a new export when the changes moved on after the last one', async () => {
    await createItem(db, 'users', aUser({ userId: 'u-ada', name: 'Ada Admin' }), 'Sam Staff');
    const { user, section } = renderReset();
    await user.click(await within(section).findByRole('button', { name: 'Export unsent changes' }));
    await waitFor(() => expect(resetButton()).toHaveProperty('disabled', false));

    await updateItem(db, 'users', 'u-ada', { name: 'Ada Lovelace' }, 'Sam Staff');
    expect(await within(section).findByText('The changes moved on since the export: export them again.')).toBeTruthy();
    expect(within(section).getByText(/This desk has 2 changes not on the server yet: 2 waiting to be sent\./)).toBeTruthy();
    expect(resetButton()).toHaveProperty('disabled', true);
    expect(await Dexie.exists(db.name)).toBe(true);
    expect(restart).not.toHaveBeenCalled();
  });
});
