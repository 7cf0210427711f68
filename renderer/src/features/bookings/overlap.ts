import { serviceTypeLabel } from '@renderer/common/labels';
import type { BookingItem as Booking } from '@renderer/common/items';
// Who holds a slot and when is the server's rule too (shared/slots): the desk warns of what main would refuse.
import { bookingInterval, holdsSlots, intervalsOverlap, slotResourceValue } from '@shared/slots';

/** What two bookings may not share at the same time. */
export const CLASH_RESOURCES = ['student', 'aircraft', 'instructor'] as const;
export type ClashResource = (typeof CLASH_RESOURCES)[number];

export type Clash = { resource: ClashResource; value: string; other: Booking };

/** The fields overlap detection reads, so a form's draft can be checked before it is a booking. */
export type BookingSlot = Pick<Booking, 'bookingId' | 'userId' | 'bookingDate' | 'bookingTime' | 'status' | 'details'> & {
  deleted?: boolean;
};

/** The resource as written on the booking (for display). */
function resourceKey(booking: BookingSlot, resource: ClashResource): string | undefined {
  return resource === 'student' ? booking.userId : resource === 'aircraft' ? booking.details?.aircraft : booking.details?.instructorId;
}

/** The resource as compared: the same aircraft however its registration is spelled (shared/slots). */
function resourceValue(booking: BookingSlot, resource: ClashResource): string | undefined {
  if (resource !== 'student') return slotResourceValue(booking, resource);
  const trimmed = booking.userId.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The bookings a draft would double-book (same student, aircraft or instructor, overlapping time). */
export function findClashes(draft: BookingSlot, existing: Iterable<Booking>): Clash[] {
  if (!holdsSlots(draft)) return [];
  const interval = bookingInterval(draft);
  const clashes: Clash[] = [];
  for (const other of existing) {
    if (other.bookingId === draft.bookingId || !holdsSlots(other) || !intervalsOverlap(interval, bookingInterval(other))) continue;
    for (const resource of CLASH_RESOURCES) {
      const value = resourceValue(draft, resource);
      if (value !== undefined && value === resourceValue(other, resource)) {
        clashes.push({ resource, value: resourceKey(draft, resource) ?? value, other });
      }
    }
  }
  return clashes;
}

/**
 * Every booking that overlaps another on a shared resource, for flagging in the schedule and list.
 * Per resource value, a sweep over bookings sorted by start: O(n log n) plus the clashes found.
 */
export function findAllClashes(bookings: readonly Booking[]): Map<string, Clash[]> {
  const result = new Map<string, Clash[]>();
  const record = (booking: Booking, clash: Clash) => {
    const list = result.get(booking.bookingId);
    if (list) list.push(clash);
    else result.set(booking.bookingId, [clash]);
  };
  for (const resource of CLASH_RESOURCES) {
    const byValue = new Map<string, Array<{ booking: Booking; start: number; end: number }>>();
    for (const booking of bookings) {
      const value = holdsSlots(booking) ? resourceValue(booking, resource) : undefined;
      if (value === undefined) continue;
      const entries = byValue.get(value) ?? [];
      entries.push({ booking, ...bookingInterval(booking) });
      byValue.set(value, entries);
    }
    for (const entries of byValue.values()) {
      entries.sort((a, b) => a.start - b.start);
      const open: typeof entries = [];
      for (const entry of entries) {
        // Drop the bookings that ended before this one starts; the rest overlap it.
        for (let i = open.length - 1; i >= 0; i -= 1) if ((open[i]?.end ?? 0) <= entry.start) open.splice(i, 1);
        for (const other of open) {
          record(entry.booking, { resource, value: resourceKey(entry.booking, resource) ?? '', other: other.booking });
          record(other.booking, { resource, value: resourceKey(other.booking, resource) ?? '', other: entry.booking });
        }
        open.push(entry);
      }
    }
  }
  return result;
}

export function describeClash(clash: Clash, nameOf: (userId: string) => string = (id) => id): string {
  const what =
    clash.resource === 'student'
      ? `${nameOf(clash.value)} already has a booking`
      : clash.resource === 'aircraft'
        ? `Aircraft ${clash.value} is already booked`
        : `Instructor ${nameOf(clash.value)} is already booked`;
  const student = clash.resource === 'student' ? '' : ` for ${nameOf(clash.other.userId)}`;
  return `${what} on ${clash.other.bookingDate} at ${clash.other.bookingTime}${student} (${serviceTypeLabel(clash.other.serviceType)})`;
}
