import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { BookingStatus } from '@shared/models';
import { StatusControl } from '@renderer/features/bookings/StatusControl';
import type { StatusChanges } from '@renderer/features/bookings/status-workflow';
import { renderWithMantine } from '@test/unit/renderer/support/render';

const started = { bookingDate: '2020-01-01', bookingTime: '09:00' };
const toCome = { bookingDate: '2999-01-01', bookingTime: '09:00' };

function setup(status: BookingStatus, when: { bookingDate: string; bookingTime: string } = started) {
  const onChange = vi.fn<(changes: StatusChanges) => void>();
  return { onChange, ...renderWithMantine(<StatusControl booking={{ status, ...when }} who="Sam Staff" timeZone="Europe/London" onChange={onChange} />) };
}

const buttons = () => screen.getAllByRole('button').map((button) => button.textContent);

// Typing through user-event into Mantine inputs takes seconds on a busy machine.
describe('status control', { timeout: 30_000 }, () => {
  it('offers only the workflow\'s next steps', () => {
    setup('pending');
    expect(buttons()).toEqual(['Confirm', 'Cancel booking']);
  });

  it('confirms', async () => {
    const { user, onChange } = setup('pending');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(onChange).toHaveBeenCalledWith({ status: 'confirmed' });
  });

  it('refuses a step the booking’s documents block, saying why, and changes nothing', async () => {
    const onChange = vi.fn<(changes: StatusChanges) => void>();
    const refusal = (to: BookingStatus) => (to === 'confirmed' ? 'Not confirmed: Medical certificate of Zoë Student expired on 2026-11-30.' : undefined);
    const { user } = renderWithMantine(<StatusControl booking={{ status: 'pending', ...toCome }} who="Sam Staff" timeZone="Europe/London" onChange={onChange} refusal={refusal} />);
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not confirmed: Medical certificate of Zoë Student expired on 2026-11-30.');
    expect(onChange).not.toHaveBeenCalled();
    // A cancel is never refused for documents.
    await user.click(screen.getByRole('button', { name: 'Cancel booking' }));
    await user.type(await screen.findByLabelText(/Reason/), 'Student ill');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel booking' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ status: 'cancelled' })));
  });

  it('offers completion once the booking has started, and before that says when it can be', () => {
    setup('confirmed', toCome);
    expect(buttons()).toEqual(['Cancel booking']);
    expect(screen.getByText('It can be marked completed once it starts (2999-01-01 09:00).')).toBeInTheDocument();
  });

  it('marks a started booking completed', async () => {
    const { user, onChange } = setup('confirmed');
    expect(buttons()).toEqual(['Mark completed', 'Cancel booking']);
    await user.click(screen.getByRole('button', { name: 'Mark completed' }));
    expect(onChange).toHaveBeenCalledWith({ status: 'completed' });
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
  });

  it('undoes a completion only with a reason, recorded with who and when', async () => {
    const { user, onChange } = setup('completed');
    expect(buttons()).toEqual(['Undo completion']);
    await user.click(screen.getByRole('button', { name: 'Undo completion' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo the completion' });
    await user.click(within(dialog).getByRole('button', { name: 'Undo completion' }));
    expect(await within(dialog).findByText('Say why the booking goes back to confirmed: it is recorded with your name and the time')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Marked by mistake');
    await user.click(within(dialog).getByRole('button', { name: 'Undo completion' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange.mock.calls[0]![0]).toMatchObject({ status: 'confirmed', reversal: { from: 'completed', to: 'confirmed', reason: 'Marked by mistake', by: 'Sam Staff' } });
  });

  it('reopens a cancelled booking as pending, dropping its cancellation from the booking', async () => {
    const { user, onChange } = setup('cancelled');
    await user.click(screen.getByRole('button', { name: 'Reopen booking' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reopen this booking' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Student called back');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen booking' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    const changes = onChange.mock.calls[0]![0];
    expect(changes).toMatchObject({ status: 'pending', reversal: { from: 'cancelled', reason: 'Student called back' } });
    expect(Object.hasOwn(changes, 'cancellation') && changes.cancellation === undefined).toBe(true);
  });
});
