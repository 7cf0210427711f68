import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BookingForm } from '@renderer/features/bookings/BookingForm';
import { bookingToForm, emptyBookingForm, type BookingDraft } from '@renderer/features/bookings/booking-form-schema';
import { findClashes } from '@renderer/features/bookings/overlap';
import { aServerBooking } from '@test/support/builders';
import { renderWithMantine } from '@test/unit/renderer/support/render';

const students = [
  { value: 'alice', label: 'Alice Ng' },
  { value: 'bob', label: 'Bob Roy' },
];
const existing = [aServerBooking(1, { bookingId: 'bk-1', userId: 'alice', bookingDate: '2026-03-10', bookingTime: '09:00', details: { duration: 120, aircraft: 'C-GABC' } })];

function setup(initial = emptyBookingForm({ userId: 'alice', serviceType: 'pilot_training', bookingDate: '2026-03-10' })) {
  const onSubmit = vi.fn<(draft: BookingDraft) => void>();
  const view = renderWithMantine(
    <BookingForm
      mode="create"
      initial={initial}
      students={students}
      instructors={[]}
      serviceTypes={['pilot_training']}
      checkClashes={(draft) => findClashes({ ...draft, bookingId: 'draft' }, existing)}
      nameOf={(id) => students.find((s) => s.value === id)?.label ?? id}
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
  );
  return { ...view, onSubmit };
}

// Typing through user-event into Mantine inputs takes seconds on a busy machine.
describe('booking form', { timeout: 30_000 }, () => {
  it('shows inline errors and saves nothing while a field is invalid', async () => {
    const { user, onSubmit } = setup(emptyBookingForm());
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    expect(await screen.findByText('Pick the student or customer')).toBeInTheDocument();
    expect(screen.getByText('Pick a date')).toBeInTheDocument();
    expect(screen.getByText('Pick a time')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Currency'), 'usd');
    await user.type(screen.getByLabelText('Amount'), '12,50');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    expect(await screen.findByText('A three-letter code like USD')).toBeInTheDocument();
    expect(screen.getByText('An amount like 299.99')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('warns before saving a double booking and saves only when asked again', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText(/^Time/), '10:00');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('This would double-book');
    expect(warning).toHaveTextContent('Alice Ng already has a booking on 2026-03-10 at 09:00');
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ userId: 'alice', bookingDate: '2026-03-10', bookingTime: '10:00', status: 'pending', details: { duration: 60 } });
  });

  it('saves a booking that clashes with nothing at once, with exact money', async () => {
    const { user, onSubmit } = setup();
    await user.type(screen.getByLabelText(/^Time/), '11:00');
    await user.type(screen.getByLabelText('Amount'), '299.990000000000000001');
    await user.type(screen.getByLabelText('Currency'), 'CAD');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].paymentInfo).toEqual({ amount: { $n: '299.990000000000000001' }, currency: 'CAD' });
  });

  it('fills the form from a booking and keeps its values when saved unchanged', async () => {
    const booking = aServerBooking(1, { bookingId: 'bk-2', userId: 'bob', details: { duration: 45, notes: 'Night rating', location: 'North' }, paymentInfo: { amount: 120, currency: 'USD' } });
    const { user, onSubmit } = setup(bookingToForm(booking));
    expect(screen.getByLabelText('Notes')).toHaveValue('Night rating');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ details: booking.details, paymentInfo: booking.paymentInfo });
  });
});
