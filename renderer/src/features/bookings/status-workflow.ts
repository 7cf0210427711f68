import type { z } from 'zod';
import { canChangeStatus, CancellationSchema, STATUS_TRANSITIONS, type BookingStatus } from '@shared/models';
import type { BookingItem as Booking } from '@renderer/common/items';

/** Who changes a status and when (the cancellation records both). */
export type StatusChangeContext = { who: string; now: Date; reason?: string };

/** The fields a status change writes: the status, and for a cancel the reason with who and when. */
export type StatusChanges = { status: BookingStatus; cancellation?: z.infer<typeof CancellationSchema> };

export type StatusChangeResult = { ok: true; changes: StatusChanges } | { ok: false; error: string };

export const STATUS_LABELS: Record<BookingStatus, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** The statuses a booking in `from` can move to, in workflow order. */
/** Each status's badge colour, the same on every screen. */
export const STATUS_COLORS = { pending: 'yellow', confirmed: 'blue', completed: 'teal', cancelled: 'gray' } as const satisfies Record<BookingStatus, string>;

export function nextStatuses(from: BookingStatus): readonly BookingStatus[] {
  return STATUS_TRANSITIONS[from];
}

/** Checks a status change against the workflow; a cancel needs a reason. */
export function planStatusChange(from: BookingStatus, to: BookingStatus, context: StatusChangeContext): StatusChangeResult {
  if (!canChangeStatus(from, to)) {
    return { ok: false, error: `A ${from} booking cannot become ${to}` };
  }
  if (to !== 'cancelled') return { ok: true, changes: { status: to } };
  const cancellation = CancellationSchema.safeParse({ reason: context.reason ?? '', by: context.who, at: context.now.toISOString() });
  if (!cancellation.success) {
    return { ok: false, error: 'A cancellation needs a reason' };
  }
  return { ok: true, changes: { status: to, cancellation: cancellation.data } };
}

export type BulkStatusPlan = {
  changes: Array<{ bookingId: string; changes: StatusChanges }>;
  skipped: Array<{ bookingId: string; error: string }>;
};

/** A bulk change applies where the workflow allows and reports the rest, rather than failing all. */
export function planBulkStatusChange(bookings: readonly Booking[], to: BookingStatus, context: StatusChangeContext): BulkStatusPlan {
  const plan: BulkStatusPlan = { changes: [], skipped: [] };
  for (const booking of bookings) {
    const result = planStatusChange(booking.status, to, context);
    if (result.ok) plan.changes.push({ bookingId: booking.bookingId, changes: result.changes });
    else plan.skipped.push({ bookingId: booking.bookingId, error: result.error });
  }
  return plan;
}
