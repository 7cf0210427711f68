import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConflictRecord } from '@renderer/db';
import { ConflictCard, type ConflictChoice } from '@renderer/features/sync/ConflictCard';
import { renderWithMantine } from '@test/unit/renderer/support/render';

const conflict: ConflictRecord = {
  seq: 7,
  entity: 'bookings',
  key: 'bk-1',
  reason: 'fields',
  paths: [['details', 'notes']],
  mine: {
    clientId: 'desk-b',
    seq: 7,
    entity: 'bookings',
    key: 'bk-1',
    kind: 'update',
    updatedBy: 'Bea Staff',
    expected: { version: 3, updatedAt: '2026-03-01T10:00:00.000Z' },
    changes: [
      { op: 'set', path: ['details', 'notes'], value: 'Mine: night circuits', base: 'Circuits' },
      { op: 'set', path: ['bookingTime'], value: '10:00', base: '09:00' },
    ],
  },
  theirs: {
    bookingId: 'bk-1',
    userId: 'auth0|u-raj',
    bookingDate: '2026-12-03',
    bookingTime: '09:00',
    details: { notes: 'Theirs: solo', duration: 60 },
    version: 4,
    updatedAt: '2026-03-01T11:00:00.000Z',
    updatedBy: 'Al Admin',
  },
  base: null,
  theirsBy: 'Al Admin',
  theirsAt: '2026-03-01T11:00:00.000Z',
  detectedAt: '2026-03-01T11:05:00.000Z',
};

function setup() {
  const onResolve = vi.fn<(choice: ConflictChoice) => Promise<void>>().mockResolvedValue(undefined);
  return { onResolve, ...renderWithMantine(<ConflictCard conflict={conflict} myName="Bea Staff" nameOf={(userId) => (userId === 'auth0|u-raj' ? 'Raj Coleman' : userId)} timeZone="UTC" onResolve={onResolve} />) };
}

// Typing through user-event into Mantine inputs takes seconds on a busy machine.
describe('conflict card', { timeout: 30_000 }, () => {
  it('shows mine and theirs field by field with who and when, the conflicting field first', () => {
    setup();
    const rows = screen.getAllByRole('row').slice(1);
    expect(screen.getByRole('heading', { name: 'Booking of Raj Coleman, 3 Dec 2026 09:00' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Conflict on Booking of Raj Coleman, 3 Dec 2026 09:00' })).not.toHaveTextContent(/bk-1|auth0/);
    expect(rows[0]).toHaveTextContent('Notes');
    expect(rows[0]).toHaveTextContent('both changed');
    expect(rows[0]).toHaveTextContent('Mine: night circuits');
    expect(rows[0]).toHaveTextContent('Theirs: solo');
    expect(rows[1]).toHaveTextContent('Time');
    expect(rows[1]).not.toHaveTextContent('both changed');
    expect(screen.getByText(/Theirs: Al Admin at 2026-03-01 11:00/)).toBeInTheDocument();
    expect(screen.getByText(/Mine: Bea Staff/)).toBeInTheDocument();
  });

  it('resolves by keep mine or keep theirs', async () => {
    const { user, onResolve } = setup();
    await user.click(screen.getByRole('button', { name: 'Keep theirs' }));
    await user.click(screen.getByRole('button', { name: 'Keep mine' }));
    expect(onResolve.mock.calls.map(([choice]) => choice)).toEqual([{ kind: 'theirs' }, { kind: 'mine' }]);
  });

  it('resolves by an edit that picks theirs for one field and types another', async () => {
    const { user, onResolve } = setup();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const notes = screen.getByRole('textbox', { name: 'Value for Notes' });
    await user.clear(notes);
    await user.type(notes, 'Solo, then night circuits');
    await user.click(screen.getAllByText('Theirs', { selector: 'label, span' }).at(-1)!);
    await user.click(screen.getByRole('button', { name: 'Save edited values' }));
    await waitFor(() => expect(onResolve).toHaveBeenCalledTimes(1));
    expect(onResolve.mock.calls[0]![0]).toEqual({ kind: 'merged', patch: { details: { notes: 'Solo, then night circuits' }, bookingTime: '09:00' } });
  });

  it('shows why a resolution failed and keeps the conflict open', async () => {
    const { user, onResolve } = setup();
    onResolve.mockRejectedValueOnce(new Error('bookings bk-1 changed again on the server: look at the conflict again'));
    await user.click(screen.getByRole('button', { name: 'Keep mine' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('changed again on the server');
  });
});
