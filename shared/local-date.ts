import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/**
 * Calendar dates (`YYYY-MM-DD`) in the school's zone, shared by main and renderer: a booking's date,
 * a document's expiry and "today" are all wall-clock dates of the school.
 */

/** The school's calendar date at an instant. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
}

/** Whole days from 1970-01-01 to a calendar date, independent of any zone. */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / 86_400_000);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
/** Minutes after midnight of an `HH:mm` time. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** `HH:mm` of minutes after midnight (wrapping past 24:00). */
export function timeOfMinutes(minutes: number): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/** The UTC instant a booking starts, from its wall-clock date and time in the school's zone. */
export function bookingStart(date: string, time: string, timeZone: string): Date {
  return fromZonedTime(`${date}T${time}:00`, timeZone);
}
