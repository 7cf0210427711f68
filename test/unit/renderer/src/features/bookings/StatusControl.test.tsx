import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { StatusControl } from '@renderer/features/bookings/StatusControl';
import type { StatusChanges } from '@renderer/features/bookings/status-workflow';
import { renderWithMantine } from '@test/unit/renderer/support/render';

function setup(status: 'pending' | 'confirmed' | 'completed' | 'cancelled') {
  const onChange = vi.fn<(changes: StatusChanges) => void>();
  return { onChange, ...renderWithMantine(<StatusControl status={status} who="Sam Staff" onChange={onChange} />) };
}

// Typing through user-event into Mantine inputs takes seconds on a busy machine.
describe('status control', { timeout: 30_000 }, () => {
  it('offers only the workflow\'s next steps', () => {
    setup('pending');
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Confirm', 'Cancel booking']);
  });

  it('confirms, then offers completion', async () => {
    const { user, onChange } = setup('pending');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(onChange).toHaveBeenCalledWith({ status: 'confirmed' });
  });

  it('refuses a cancel without a reason, and records the reason with who and when', async () => {
    const { user, onChange } = setup('confirmed');
    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this booking' });
    const confirm = () => user.click(within(dialog).getByRole('button', { name: 'Cancel booking' }));
    await confirm();
    expect(await screen.findByText('A cancellation needs a reason')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Weather below minimums');
    await confirm();
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    const changes = onChange.mock.calls[0]![0];
    expect(changes).toMatchObject({ status: 'cancelled', cancellation: { reason: 'Weather below minimums', by: 'Sam Staff' } });
    expect(Date.parse(changes.cancellation!.at)).not.toBeNaN();
    expect(dialog).toBeInTheDocument();
  });

  it('has nothing to offer for a completed or cancelled booking', () => {
    setup('completed');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/no further steps/)).toBeInTheDocument();
  });
});
