import { addDays as addCalendarDays, format, parseISO } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';
import { timeOfMinutes as wallClockOfMinutes } from '@shared/local-date';

// The calendar-date helpers live in shared/ (documents' expiry uses them in main too).
export { dayNumber, minutesOfDay, timeOfMinutes, todayIn } from '@shared/local-date';

/**
 * Booking dates and times are wall-clock values in the school's time zone (shared/models/booking.ts);
 * instants (createdAt, updatedAt) are UTC. These helpers convert between the two for display and entry.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime knows, for the settings picker. */
export function supportedTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  // The runtime's list leaves out UTC, which headless machines and servers often use.
  return zones.includes(DEFAULT_TIME_ZONE) ? zones : [DEFAULT_TIME_ZONE, ...zones];
}

/** The school's wall-clock time (`HH:mm`) at an instant. */
export function timeIn(timeZone: string, now: Date = new Date()): string {
  return formatInTimeZone(now, timeZone, 'HH:mm');
}

/** An ISO instant shown in the school's zone, e.g. `2023-07-15 11:15 BST`. */
export function formatInstant(iso: string, timeZone: string): string {
  return formatInTimeZone(parseISO(iso), timeZone, 'yyyy-MM-dd HH:mm zzz');
}

export { bookingStart } from '@shared/local-date';

/** A calendar date moved by whole days (no time zone involved: dates are wall-clock). */
export function addDays(date: string, days: number): string {
  return format(addCalendarDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const weekday = (parseISO(date).getDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The zone this computer is set to: the default until the school's zone is chosen in Settings. */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

/**
 * A time as typed into a 24-hour field, written `HH:mm`: `9` -> `09:00`, `930` -> `09:30`, `9.30` or
 * `9:30` -> `09:30`, `1430` -> `14:30`. Anything that is not a time of day is returned trimmed, unchanged,
 * for the form's validation to name.
 */
export function normalizeTimeText(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})(?:[:.h]?(\d{2}))?$/.exec(trimmed);
  if (!match) return trimmed;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return trimmed;
  return wallClockOfMinutes(hours * 60 + minutes);
}
