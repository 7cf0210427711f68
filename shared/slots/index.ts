import { z } from 'zod';
import { dayNumber, minutesOfDay, timeOfMinutes } from '../local-date';
import { BookingStatusSchema, DEFAULT_DURATION_MINUTES, LocalDateSchema, LocalTimeSchema, normalizeRegistration, type Booking } from '../models';
import { IsoInstantSchema } from '../models/sync-attributes';

/**
 * Slots, the one rule of "who holds an aircraft or an instructor when" (README.md, "No double booking"):
 * the desk's clash warnings and main's check at the server both read it. Times are the school's wall clock,
 * as the booking holds them (a date, a time, minutes), so the check needs no time zone and a change of the
 * school's zone moves nothing; a booking past midnight holds a slot on each day it touches.
 */

/** What the server holds a day of: the register's aircraft (by folded registration) and instructors. */
export const SLOT_RESOURCES = ['aircraft', 'instructor'] as const;
export type SlotResource = (typeof SLOT_RESOURCES)[number];

/** The override rule of a deliberate double booking (shared/models/override.ts), when the school allows it. */
export const DOUBLE_BOOKING_RULE = 'double-booking';

/** The fields slots read, so a form's draft can be checked before it is a booking. */
export type SlotBooking = Pick<Booking, 'bookingId' | 'bookingDate' | 'bookingTime' | 'status' | 'details'> & {
  userId?: string;
  deleted?: boolean;
  overrides?: ReadonlyArray<{ rule: string }>;
};

/** A cancelled, completed or deleted booking frees its slots. */
export function holdsSlots(booking: Pick<SlotBooking, 'status' | 'deleted'>): boolean {
  return booking.deleted !== true && (booking.status === 'pending' || booking.status === 'confirmed');
}

/** The resource as compared: an aircraft by its folded registration ("n 172pf" is N172PF), an instructor by id. */
export function slotResourceValue(booking: Pick<SlotBooking, 'details'>, resource: SlotResource): string | undefined {
  const raw = resource === 'aircraft' ? booking.details?.aircraft : booking.details?.instructorId;
  if (typeof raw !== 'string') return undefined;
  const value = resource === 'aircraft' ? normalizeRegistration(raw) : raw.trim();
  return value === '' ? undefined : value;
}

/** Start and end in wall-clock minutes since 1970-01-01, so bookings crossing midnight compare. */
export function bookingInterval(booking: Pick<SlotBooking, 'bookingDate' | 'bookingTime' | 'details'>): { start: number; end: number } {
  const start = dayNumber(booking.bookingDate) * 1440 + minutesOfDay(booking.bookingTime);
  const duration = booking.details?.duration;
  return { start, end: start + (typeof duration === 'number' && duration > 0 ? duration : DEFAULT_DURATION_MINUTES) };
}

export function intervalsOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** One booking's hold on one day of one resource: minutes of that day, [start, end). */
export const DaySlotSchema = z.object({
  bookingId: z.string().min(1).max(1024),
  userId: z.string().max(1024).optional(),
  start: z.number().int().min(0).max(1439),
  end: z.number().int().min(1).max(1440),
  /** Saved over a clash on purpose (the school allows it): never a clash itself. */
  deliberate: z.boolean().optional(),
});
export type DaySlot = z.infer<typeof DaySlotSchema>;

/** The server's item for one resource's day, in PilotForce-Resources; main writes it only with the bookings it follows. */
export const RESOURCE_DAY_TYPE = 'resource-day';
export const RESOURCE_DAY_PREFIX = 'day#';
export const ResourceDaySchema = z.object({
  resourceId: z.string().startsWith(RESOURCE_DAY_PREFIX).max(1024),
  resourceType: z.literal(RESOURCE_DAY_TYPE),
  slots: z.array(DaySlotSchema).max(2000),
  version: z.number().int().min(1),
  updatedAt: IsoInstantSchema,
});
export type ResourceDay = z.infer<typeof ResourceDaySchema>;

/** `day#aircraft#N172PF#2026-12-02`: a resource's day, by the folded value. */
export function resourceDayId(resource: SlotResource, value: string, date: string): string {
  return `${RESOURCE_DAY_PREFIX}${resource}#${value}#${date}`;
}

/** The date of day number `day` (days since 1970-01-01). */
function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Where a day's slot came from, for the words of a clash. */
export type DayRef = { resource: SlotResource; value: string; date: string };

/** Every day slot the booking holds, by day item id (none when it holds no slot). */
export function daySlotsOf(booking: SlotBooking | null, deliberate = false): Map<string, DayRef & { slot: DaySlot }> {
  const slots = new Map<string, DayRef & { slot: DaySlot }>();
  if (!booking || !holdsSlots(booking)) return slots;
  const { start, end } = bookingInterval(booking);
  for (const resource of SLOT_RESOURCES) {
    const value = slotResourceValue(booking, resource);
    if (value === undefined) continue;
    for (let day = Math.floor(start / 1440); day * 1440 < end; day += 1) {
      const date = dateOfDay(day);
      const slot: DaySlot = {
        bookingId: booking.bookingId,
        ...(booking.userId ? { userId: booking.userId } : {}),
        start: Math.max(start - day * 1440, 0),
        end: Math.min(end - day * 1440, 1440),
        ...(deliberate ? { deliberate: true } : {}),
      };
      slots.set(resourceDayId(resource, value, date), { resource, value, date, slot });
    }
  }
  return slots;
}

/** A slot someone else holds that the booking's new time overlaps. */
export type SlotClash = DayRef & { other: DaySlot };

/** The order a day's slots are kept in: by start, then booking. */
export function bySlotOrder(a: DaySlot, b: DaySlot): number {
  return a.start - b.start || a.bookingId.localeCompare(b.bookingId);
}

/** A day's slots after the booking moved: its own entries replaced by its new ones. */
export type DayWrite = { id: string; slots: DaySlot[] };

/**
 * What a booking's change does to the days it touches (before and after the change): the days to write
 * and the clashes its new slots would make with other bookings' (a deliberate slot clashes with nothing).
 * `days` holds the current slots of every touched day (empty when the server has no item for it yet).
 */
export function planSlots(before: SlotBooking | null, after: SlotBooking | null, days: ReadonlyMap<string, readonly DaySlot[]>, deliberate = false): { writes: DayWrite[]; clashes: SlotClash[] } {
  const bookingId = after?.bookingId ?? before?.bookingId;
  const old = daySlotsOf(before);
  const next = daySlotsOf(after, deliberate);
  const writes: DayWrite[] = [];
  const clashes: SlotClash[] = [];
  for (const id of new Set([...old.keys(), ...next.keys()])) {
    const current = days.get(id) ?? [];
    const others = current.filter((slot) => slot.bookingId !== bookingId);
    const mine = next.get(id);
    if (mine && !mine.slot.deliberate) {
      for (const other of others) {
        if (!other.deliberate && intervalsOverlap(mine.slot, other)) clashes.push({ resource: mine.resource, value: mine.value, date: mine.date, other });
      }
    }
    const slots = mine ? [...others, mine.slot].sort(bySlotOrder) : others;
    if (!sameSlots(current, slots)) writes.push({ id, slots });
  }
  return { writes, clashes };
}

function sameSlots(a: readonly DaySlot[], b: readonly DaySlot[]): boolean {
  if (a.length !== b.length) return false;
  const key = (slot: DaySlot) => `${slot.bookingId}\u0000${slot.start}\u0000${slot.end}\u0000${slot.deliberate === true}\u0000${slot.userId ?? ''}`;
  const left = new Set(a.map(key));
  return b.every((slot) => left.has(key(slot)));
}

/** Whether a booking's change can move a slot: only then does main read and write its days. */
export function changesSlots(paths: ReadonlyArray<readonly string[]>): boolean {
  return paths.some(([top, child]) => top === 'bookingDate' || top === 'bookingTime' || top === 'status' || top === 'userId' || top === 'overrides' || (top === 'details' && (child === undefined || child === 'duration' || child === 'aircraft' || child === 'instructorId')));
}

/** A clash in the office's words (the other booking's person by name and the date as the office writes it, where the caller knows them). */
export function describeSlotClash(clash: SlotClash, nameOf: (userId: string) => string = (id) => id, dateText: (date: string) => string = (date) => date): string {
  const what = clash.resource === 'aircraft' ? `Aircraft ${clash.value}` : `Instructor ${nameOf(clash.value)}`;
  const who = clash.other.userId ? ` for ${nameOf(clash.other.userId)}` : '';
  return `${what} is already booked on ${dateText(clash.date)} from ${timeOfMinutes(clash.other.start)} to ${timeOfMinutes(clash.other.end)}${who}`;
}

export const SlotClashSchema = z.object({ resource: z.enum(SLOT_RESOURCES), value: z.string().max(1024), date: z.string().max(10), other: DaySlotSchema });

const SlotBookingSchema = z.object({
  bookingId: z.string().min(1),
  userId: z.string().optional(),
  bookingDate: LocalDateSchema,
  bookingTime: LocalTimeSchema,
  status: BookingStatusSchema,
  details: z.object({ duration: z.number().optional(), aircraft: z.string().optional(), instructorId: z.string().optional() }).loose().optional(),
  deleted: z.boolean().optional(),
  overrides: z.array(z.object({ rule: z.string() }).loose()).optional(),
});

/** A stored booking's slot fields, or null when it has none that fit (a tombstone, an item a newer version wrote): it holds no slot. */
export function slotBookingOf(item: Record<string, unknown> | null | undefined): SlotBooking | null {
  if (!item) return null;
  const parsed = SlotBookingSchema.safeParse(item);
  return parsed.success ? (parsed.data as SlotBooking) : null;
}

/** Whether the booking was saved over a clash on purpose ("Save anyway", recorded in its overrides). */
export function savedOverClash(booking: Pick<SlotBooking, 'overrides'> | null): boolean {
  return booking?.overrides?.some((override) => override.rule === DOUBLE_BOOKING_RULE) ?? false;
}
