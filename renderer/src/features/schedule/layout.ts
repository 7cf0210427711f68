import { DEFAULT_DURATION_MINUTES, normalizeRegistration } from '@shared/models';
import type { BookingItem as Booking } from '@renderer/common/items';
import { addDays, minutesOfDay, timeOfMinutes, weekStart } from '@renderer/common/time-zone';

export type ScheduleMode = 'day' | 'week';
export const GROUP_BY_OPTIONS = ['aircraft', 'instructor', 'location'] as const;
export type GroupBy = (typeof GROUP_BY_OPTIONS)[number];

/** The group of bookings that name no aircraft, instructor or location. */
export const UNASSIGNED = '';

export type TimeAxis = { startMinute: number; endMinute: number; hours: number[] };

/** A booking placed on the grid; `column` of `columns` side by side where bookings in a lane overlap. */
export type PlacedBooking = {
  booking: Booking;
  dayIndex: number;
  startMinute: number;
  endMinute: number;
  /** The booking runs on past midnight (shown cut at the day's end). */
  continues: boolean;
  column: number;
  columns: number;
};

export type ScheduleGroup = { key: string; items: PlacedBooking[] };
export type ScheduleLayout = { dates: string[]; axis: TimeAxis; groups: ScheduleGroup[] };

/** The calendar dates a view shows: one day, or Monday to Sunday of its week. */
export function viewDates(mode: ScheduleMode, date: string): string[] {
  if (mode === 'day') return [date];
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The lane of a booking: an aircraft by its registration as the register folds it ("n172pf " is N172PF). */
export function groupKey(booking: Booking, groupBy: GroupBy): string {
  const details = booking.details ?? {};
  if (groupBy === 'aircraft') return details.aircraft === undefined ? UNASSIGNED : normalizeRegistration(details.aircraft);
  const value = groupBy === 'instructor' ? details.instructorId : details.location;
  return value?.trim() ?? UNASSIGNED;
}

/** Office hours by default, widened to the whole hours that hold every booking shown. */
export function timeAxis(items: ReadonlyArray<{ startMinute: number; endMinute: number }>, defaultStart = 6 * 60, defaultEnd = 20 * 60): TimeAxis {
  let start = defaultStart;
  let end = defaultEnd;
  for (const item of items) {
    start = Math.min(start, Math.floor(item.startMinute / 60) * 60);
    end = Math.max(end, Math.ceil(item.endMinute / 60) * 60);
  }
  const hours: number[] = [];
  for (let hour = start / 60; hour < end / 60; hour += 1) hours.push(hour);
  return { startMinute: start, endMinute: end, hours };
}

/**
 * Places bookings of the shown dates on a time axis, one lane per group, overlaps side by side; `lanes` are
 * shown even when free (the register's aircraft), so the office sees what it can still book.
 */
export function layoutSchedule(bookings: Iterable<Booking>, dates: readonly string[], groupBy: GroupBy, lanesShown: Iterable<string> = []): ScheduleLayout {
  const dayIndexOf = new Map(dates.map((date, index) => [date, index]));
  const lanes = new Map<string, PlacedBooking[]>([...lanesShown].map((key) => [key, []]));
  for (const booking of bookings) {
    const dayIndex = dayIndexOf.get(booking.bookingDate);
    if (dayIndex === undefined || booking.deleted) continue;
    const startMinute = minutesOfDay(booking.bookingTime);
    const end = startMinute + (booking.details?.duration ?? DEFAULT_DURATION_MINUTES);
    const key = groupKey(booking, groupBy);
    const lane = lanes.get(key) ?? [];
    lane.push({ booking, dayIndex, startMinute, endMinute: Math.min(end, 1440), continues: end > 1440, column: 0, columns: 1 });
    lanes.set(key, lane);
  }
  const groups = [...lanes.entries()]
    .sort(([a], [b]) => (a === UNASSIGNED ? 1 : b === UNASSIGNED ? -1 : a.localeCompare(b)))
    .map(([key, items]) => ({ key, items: assignColumns(items) }));
  return { dates: [...dates], axis: timeAxis(groups.flatMap((group) => group.items)), groups };
}

/**
 * Side-by-side columns for overlapping bookings of one lane: per day, clusters of transitively
 * overlapping bookings share a column count; each booking takes the lowest column free at its start.
 */
function assignColumns(items: PlacedBooking[]): PlacedBooking[] {
  const sorted = [...items].sort(
    (a, b) => a.dayIndex - b.dayIndex || a.startMinute - b.startMinute || a.booking.bookingId.localeCompare(b.booking.bookingId),
  );
  let cluster: PlacedBooking[] = [];
  let clusterEnd = -1;
  let clusterDay = -1;
  const columnEnds: number[] = [];
  const closeCluster = () => {
    for (const item of cluster) item.columns = columnEnds.length;
    cluster = [];
    columnEnds.length = 0;
  };
  for (const item of sorted) {
    if (item.dayIndex !== clusterDay || item.startMinute >= clusterEnd) {
      closeCluster();
      clusterDay = item.dayIndex;
      clusterEnd = -1;
    }
    const free = columnEnds.findIndex((end) => end <= item.startMinute);
    item.column = free === -1 ? columnEnds.length : free;
    columnEnds[item.column] = item.endMinute;
    clusterEnd = Math.max(clusterEnd, item.endMinute);
    cluster.push(item);
  }
  closeCluster();
  return sorted;
}

/** The date and time of a click on the grid, snapped down to the step (30 minutes by default). */
export function slotAt(layout: ScheduleLayout, dayIndex: number, fraction: number, stepMinutes = 30): { date: string; time: string } {
  const { startMinute, endMinute } = layout.axis;
  const clamped = Math.min(Math.max(fraction, 0), 0.9999);
  const minute = startMinute + Math.floor((clamped * (endMinute - startMinute)) / stepMinutes) * stepMinutes;
  return { date: layout.dates[dayIndex] ?? layout.dates[0] ?? '', time: timeOfMinutes(minute) };
}
