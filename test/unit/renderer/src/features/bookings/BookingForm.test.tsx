import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { bookingDocumentProblems, type DocumentSettings } from '@shared/documents';
import { BookingForm, type DocumentOverride } from '@renderer/features/bookings/BookingForm';
import { bookingToForm, emptyBookingForm, type BookingDraft } from '@renderer/features/bookings/booking-form-schema';
import { findClashes } from '@renderer/features/bookings/overlap';
import { aServerBooking } from '@test/support/builders';
import { renderWithMantine } from '@test/unit/renderer/support/render';

const students = [
  { value: 'alice', label: 'Alice Ng' },
  { value: 'bob', label: 'Bob Roy' },
];
const existing = [aServerBooking(1, { bookingId: 'bk-1', userId: 'alice', bookingDate: '2026-03-10', bookingTime: '09:00', details: { duration: 120, aircraft: 'C-GABC' } })];

const medical = { assetId: 'as-m', userId: 'alice', fileName: 'medical.pdf', metadata: { documentKind: 'medical', expiresOn: '2026-03-31' } };
const rules = (enforcement: 'warn' | 'block'): DocumentSettings => ({
  documentKinds: [{ kindId: 'medical', name: 'Medical certificate' }],
  documentRules: [{ role: 'customer', requiredKinds: ['medical'], enforcement }],
});
const noRules: DocumentSettings = { documentKinds: [], documentRules: [] };

function setup(initial = emptyBookingForm({ userId: 'alice', serviceType: 'pilot_training', bookingDate: '2026-03-10' }), settings = noRules) {
  const onSubmit = vi.fn<(draft: BookingDraft, documentOverride?: DocumentOverride) => void>();
  const people = (draft: BookingDraft) => (draft.userId === 'alice' ? [{ userId: 'alice', role: 'customer', name: 'Alice Ng', as: 'student' as const }] : []);
  const view = renderWithMantine(
    <BookingForm
      mode="create"
      initial={initial}
      students={students}
      instructors={[]}
      serviceTypes={['pilot_training']}
      checkClashes={(draft) => findClashes({ ...draft, bookingId: 'draft' }, existing)}
      checkDocuments={(draft) => bookingDocumentProblems(people(draft), [medical], settings, draft.bookingDate)}
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

  it('takes a 24-hour time as text whatever the locale: typed 1730 is saved as 17:30, 7pm is refused', async () => {
    const { user, onSubmit } = setup();
    const time = screen.getByLabelText(/^Time/);
    expect(time).toHaveAttribute('type', 'text');
    await user.type(time, '7pm');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    expect(await screen.findByText('A 24-hour time like 14:30')).toBeInTheDocument();
    await user.clear(time);
    await user.type(time, '1730');
    await user.tab();
    expect(time).toHaveValue('17:30');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ bookingTime: '17:30' });
  });

  it('fills the form from a booking and keeps its values when saved unchanged', async () => {
    const booking = aServerBooking(1, { bookingId: 'bk-2', userId: 'bob', details: { duration: 45, notes: 'Night rating', location: 'North' }, paymentInfo: { amount: 120, currency: 'USD' } });
    const { user, onSubmit } = setup(bookingToForm(booking));
    expect(screen.getByLabelText('Notes')).toHaveValue('Night rating');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ details: booking.details, paymentInfo: booking.paymentInfo });
  });

  it('warns of an expired document on the booking’s date and saves anyway only with a reason, recorded as an override', async () => {
    const { user, onSubmit } = setup(emptyBookingForm({ userId: 'alice', serviceType: 'pilot_training', bookingDate: '2026-04-02' }), rules('warn'));
    await user.type(screen.getByLabelText(/^Time/), '11:00');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('Required documents are not current on this date');
    expect(warning).toHaveTextContent('Alice Ng (student): Medical certificate expired on 2026-03-31');
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    expect(await screen.findByText('Say why the booking is saved anyway')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/Why save anyway/), 'Renewed medical seen on paper');
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![1]).toEqual({ reason: 'Renewed medical seen on paper', detail: 'Alice Ng (student): Medical certificate expired on 2026-03-31' });
  });

  it('saves without a word while the document covers the date', async () => {
    const { user, onSubmit } = setup(emptyBookingForm({ userId: 'alice', serviceType: 'pilot_training', bookingDate: '2026-03-31' }), rules('warn'));
    await user.type(screen.getByLabelText(/^Time/), '11:00');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![1]).toBeUndefined();
  });

  it('refuses to save where the school’s rule blocks, saying what to do', async () => {
    const { user, onSubmit } = setup(emptyBookingForm({ userId: 'alice', serviceType: 'pilot_training', bookingDate: '2026-04-02' }), rules('block'));
    await user.type(screen.getByLabelText(/^Time/), '11:00');
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent('Not saved: a required document is missing or expired');
    expect(refusal).toHaveTextContent('upload a current document on the Assets screen');
    expect(screen.queryByRole('button', { name: 'Save anyway' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create booking' }));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
