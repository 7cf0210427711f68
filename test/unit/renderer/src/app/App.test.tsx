import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '@shared/api/contract';
import { App } from '@renderer/app/App';
import { createItem, openPilotForceDb, type PilotForceDb } from '@renderer/db';
import { aBooking, aUser } from '@test/support/builders';
import { checkpointAt } from '@shared/sync';

/** The app offline: main answers nothing, which the screens must live with. */
const offlineApi: ApiClient = {
  invoke: async () => ({ ok: false, error: { code: 'unavailable', message: 'The app is offline' } }),
  on: () => () => undefined,
};

const createdAt = '2026-03-01T09:00:00.000Z';
let db: PilotForceDb;

/** What the first sync leaves when the users table is complete: its delta checkpoint. */
async function usersSynced(target: PilotForceDb): Promise<void> {
  await target.checkpoints.put({ id: 'delta:users', checkpoint: checkpointAt(createdAt) });
}

beforeEach(async () => {
  window.location.hash = '';
  db = await openPilotForceDb(`app-${crypto.randomUUID()}`);
  await createItem(db, 'users', aUser({ userId: 'u-sam', email: 'sam@pf.test', name: 'Sam Staff', role: 'staff', createdAt, preferences: { theme: 'dark' } }), 'seed');
  await createItem(db, 'users', aUser({ userId: 'u-ada', email: 'ada@pf.test', name: 'Ada Admin', role: 'admin', createdAt }), 'seed');
  await createItem(db, 'users', aUser({ userId: 'u-cus', email: 'cus@pf.test', name: 'Cy Customer', createdAt }), 'seed');
  await createItem(db, 'bookings', aBooking({ bookingId: 'bk-1', userId: 'u-cus', serviceType: 'pilot_training', bookingDate: '2026-03-10', bookingTime: '09:00', details: undefined, createdAt }), 'seed');
  await usersSynced(db);
});

afterEach(async () => {
  await db.delete();
});

// The whole app renders here (Mantine, Dexie live queries): more than a unit test's default 5 s on a busy machine.
describe('office app shell', { timeout: 30_000 }, () => {
  it('asks who is working (admins and staff only), then records it and follows their theme', async () => {
    const user = userEvent.setup();
    render(<App db={db} api={offlineApi} />);
    const picker = await screen.findByRole('dialog', { name: 'Who is working?' });
    const input = within(picker).getByRole('combobox', { name: 'I am' });
    await user.click(input);
    const listbox = await screen.findByRole('listbox', { hidden: true });
    const options = within(listbox).getAllByRole('option', { hidden: true });
    expect(options.map((option) => option.textContent)).toEqual(['Ada Admin · ada@pf.test · Admin', 'Sam Staff · sam@pf.test · Office staff']);
    await user.click(options[1]!);
    await user.click(within(picker).getByRole('button', { name: 'Start working' }));
    expect(await screen.findByRole('button', { name: 'Working as Sam Staff' })).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark'));
    expect(await db.meta.get('workingAs')).toEqual({ key: 'workingAs', value: 'Sam Staff' });
  });

  it('shows the pending count, navigates by link and by Alt+number, and counts the bookings in the cache', async () => {
    const user = userEvent.setup();
    await db.meta.put({ key: 'staffUserId', value: 'u-sam' });
    render(<App db={db} api={offlineApi} />);
    const pending = await screen.findByTestId('pending-count');
    await waitFor(() => expect(pending).toHaveTextContent('4 pending'));
    await user.click(screen.getByRole('link', { name: /Bookings/ }));
    expect(await screen.findByTestId('match-count')).toHaveTextContent('1 booking');
    await user.keyboard('{Alt>}3{/Alt}');
    expect(await screen.findByRole('textbox', { name: 'Search users' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Users/ })).toHaveAttribute('aria-current', 'page');
  });

  it('keyboard first: Alt+number from inside a field, Esc leaves it, "/" finds the search box, arrows and Enter open a row, "?" lists the shortcuts', async () => {
    const user = userEvent.setup();
    await db.meta.put({ key: 'staffUserId', value: 'u-sam' });
    window.location.hash = '#/bookings';
    render(<App db={db} api={offlineApi} />);
    const bookingsSearch = await screen.findByRole('textbox', { name: 'Search bookings' });
    await user.click(bookingsSearch);
    await user.keyboard('{Escape}');
    expect(bookingsSearch).not.toHaveFocus();
    await user.click(bookingsSearch);
    await user.keyboard('{Alt>}3{/Alt}');
    const search = await screen.findByRole('textbox', { name: 'Search users' });
    expect(search).not.toHaveFocus();
    await user.keyboard('/');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');
    await user.keyboard('{ArrowDown}');
    const list = screen.getByLabelText('Users');
    const rows = within(list).getAllByRole('link');
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('Ada Admin'), expect.stringContaining('Cy Customer'), expect.stringContaining('Sam Staff')]);
    expect(rows[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(rows[1]).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/users/u-cus'));
    await user.keyboard('{End}');
    expect(rows[2]).toHaveFocus();
    await user.keyboard('?');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(sheet).getByText(/Go to a screen/)).toBeInTheDocument();
  });

  it('on first start shows the first sync, not the staff list nor an offer to create an admin, until the users table is synced', async () => {
    const fresh = await openPilotForceDb(`app-fresh-${crypto.randomUUID()}`);
    try {
      render(<App db={fresh} api={offlineApi} />);
      const progress = await screen.findByRole('dialog', { name: 'Getting the school’s data' });
      expect(within(progress).getByTestId('first-sync-users')).toHaveTextContent('waiting');
      expect(screen.queryByRole('dialog', { name: 'Who is working?' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Create user' })).toBeNull();
      // The sync brings the school's staff, then completes the users table.
      await createItem(fresh, 'users', aUser({ userId: 'u-sam', email: 'sam@pf.test', name: 'Sam Staff', role: 'staff', createdAt }), 'seed');
      expect(screen.queryByRole('dialog', { name: 'Who is working?' })).toBeNull();
      await usersSynced(fresh);
      const picker = await screen.findByRole('dialog', { name: 'Who is working?' });
      expect(within(picker).getByRole('combobox', { name: 'I am' })).toBeInTheDocument();
      expect(within(picker).queryByRole('button', { name: 'Create user' })).toBeNull();
    } finally {
      await fresh.delete();
    }
  });

  it('with no staff in the cache, offers to create the first admin and starts working as them', async () => {
    const user = userEvent.setup();
    const empty = await openPilotForceDb(`app-empty-${crypto.randomUUID()}`);
    await usersSynced(empty);
    try {
      render(<App db={empty} api={offlineApi} />);
      const picker = await screen.findByRole('dialog', { name: 'Who is working?' });
      expect(within(picker).queryByRole('button', { name: 'Start working' })).toBeNull();
      await user.type(within(picker).getByRole('textbox', { name: 'Name' }), 'Fay First');
      await user.type(within(picker).getByRole('textbox', { name: 'Email' }), 'not-an-email');
      await user.click(within(picker).getByRole('button', { name: 'Create user' }));
      expect(await within(picker).findByText(/email/i, { selector: '.mantine-InputWrapper-error, [class*=error]' })).toBeInTheDocument();
      expect(await empty.users.count()).toBe(0);
      await user.clear(within(picker).getByRole('textbox', { name: 'Email' }));
      await user.type(within(picker).getByRole('textbox', { name: 'Email' }), 'fay@pf.test');
      await user.click(within(picker).getByRole('button', { name: 'Create user' }));
      expect(await screen.findByRole('button', { name: 'Working as Fay First' }, { timeout: 10_000 })).toBeInTheDocument();
      const created = await empty.users.toArray();
      expect(created).toEqual([expect.objectContaining({ name: 'Fay First', email: 'fay@pf.test', role: 'admin' })]);
      expect(await screen.findByTestId('pending-count')).toHaveTextContent('1 pending');
    } finally {
      await empty.delete();
    }
  });
});

