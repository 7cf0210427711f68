import type { z } from 'zod';
import { canChangeStatus, CancellationSchema, STATUS_REVERSALS, STATUS_TRANSITIONS, StatusReversalSchema, type BookingStatus } from '@shared/models';
import type { BookingItem as Booking } from '@renderer/common/items';
import { bookingStart } from '@renderer/common/time-zone';

/** Who changes a status, when, in which zone the school's wall clock is read, and why (a cancel or a step back needs it). */
export type StatusChangeContext = { who: string; now: Date; timeZone: string; reason?: string };

/**
 * The fields a status change writes: the status; for a cancel its record (reason, who, when); for a step
 * back its `reversal`, and a reopened booking's `cancellation` removed (the history keeps it).
 */
export type StatusChanges = {
  status: BookingStatus;
  cancellation?: z.infer<typeof CancellationSchema> | undefined;
  reversal?: z.infer<typeof StatusReversalSchema>;
};

export type StatusChangeResult = { ok: true; changes: StatusChanges } | { ok: false; error: string };

/** What a status step does: the workflow's next step, a cancel, or the way back from an end status. */
export type StatusStep = { to: BookingStatus; kind: 'forward' | 'cancel' | 'back' };

/** The booking's status and when it starts: all a status change depends on. */
type Timed = Pick<Booking, 'status' | 'bookingDate' | 'bookingTime'>;

export const STATUS_LABELS: Record<BookingStatus, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Each status's badge colour, the same on every screen. */
export const STATUS_COLORS = { pending: 'yellow', confirmed: 'blue', completed: 'teal', cancelled: 'gray' } as const satisfies Record<BookingStatus, string>;

/** Whether the booking has begun by `now`, its date and time read in the school's zone. */
export function hasStarted(booking: Pick<Booking, 'bookingDate' | 'bookingTime'>, timeZone: string, now: Date): boolean {
  return bookingStart(booking.bookingDate, booking.bookingTime, timeZone).getTime() <= now.getTime();
}

/** The steps that fit the moment: the workflow's next ones (completion once the booking has started), and the way back. */
export function nextSteps(booking: Timed, context: Pick<StatusChangeContext, 'now' | 'timeZone'>): StatusStep[] {
  const steps: StatusStep[] = STATUS_TRANSITIONS[booking.status]
    .filter((to) => to !== 'completed' || hasStarted(booking, context.timeZone, context.now))
    .map((to) => ({ to, kind: to === 'cancelled' ? 'cancel' : 'forward' }));
  const back = STATUS_REVERSALS[booking.status];
  return back ? [...steps, { to: back, kind: 'back' }] : steps;
}

/** Checks a status change against the workflow and the clock; a cancel and a step back need a reason. */
export function planStatusChange(booking: Timed, to: BookingStatus, context: StatusChangeContext): StatusChangeResult {
  const from = booking.status;
  const reason = context.reason ?? '';
  if (STATUS_REVERSALS[from] === to) {
    const reversal = StatusReversalSchema.safeParse({ from, to, reason, by: context.who, at: context.now.toISOString() });
    if (!reversal.success) return { ok: false, error: `Say why the booking goes back to ${STATUS_LABELS[to].toLowerCase()}: it is recorded with your name and the time` };
    return { ok: true, changes: { status: to, reversal: reversal.data, ...(from === 'cancelled' ? { cancellation: undefined } : {}) } };
  }
  if (!canChangeStatus(from, to)) {
    return { ok: false, error: `A ${from} booking cannot become ${to}` };
  }
  if (to === 'completed' && !hasStarted(booking, context.timeZone, context.now)) {
    return { ok: false, error: `This booking starts on ${booking.bookingDate} at ${booking.bookingTime}: mark it completed once it has started` };
  }
  if (to !== 'cancelled') return { ok: true, changes: { status: to } };
  const cancellation = CancellationSchema.safeParse({ reason, by: context.who, at: context.now.toISOString() });
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
    const result = planStatusChange(booking, to, context);
    if (result.ok) plan.changes.push({ bookingId: booking.bookingId, changes: result.changes });
    else plan.skipped.push({ bookingId: booking.bookingId, error: result.error });
  }
  return plan;
}
