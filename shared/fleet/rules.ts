import { normalizeRegistration, type AircraftResource } from '../models';
import { RESOURCE_ID_PREFIX } from '../models/resource';
import { bookingStart, daysBetween } from '../local-date';

/**
 * The fleet's rules, one place for main and renderer (README.md, "The fleet"): which aircraft a booking's
 * free text names, when an aircraft is grounded, when its maintenance falls due.
 */

export function aircraftId(registration: string): string {
  return `${RESOURCE_ID_PREFIX.aircraft}${normalizeRegistration(registration)}`;
}

export function registrationOf(aircraft: Pick<AircraftResource, 'resourceId'>): string {
  return aircraft.resourceId.slice(RESOURCE_ID_PREFIX.aircraft.length);
}

/** The register's aircraft a booking's `details.aircraft` names (case and spacing folded), if any. */
export function matchRegistration(text: string | undefined, registrations: ReadonlySet<string>): string | null {
  if (text === undefined) return null;
  const folded = normalizeRegistration(text);
  return folded !== '' && registrations.has(folded) ? folded : null;
}

/** Free-text aircraft no register entry matches, folded, with how many bookings use each spelling: for the office to create or map. */
export function unmatchedAircraft(values: Iterable<string | undefined>, registrations: ReadonlySet<string>): Array<{ registration: string; spellings: string[]; bookings: number }> {
  const found = new Map<string, { spellings: Set<string>; bookings: number }>();
  for (const value of values) {
    if (value === undefined || value.trim() === '' || matchRegistration(value, registrations)) continue;
    const registration = normalizeRegistration(value);
    const entry = found.get(registration) ?? { spellings: new Set<string>(), bookings: 0 };
    entry.spellings.add(value);
    entry.bookings += 1;
    found.set(registration, entry);
  }
  return [...found].map(([registration, { spellings, bookings }]) => ({ registration, spellings: [...spellings].sort(), bookings })).sort((a, b) => b.bookings - a.bookings || a.registration.localeCompare(b.registration));
}

/** A booking's time as instants: its date and time are the school's wall clock. */
export function bookingInstants(booking: { bookingDate: string; bookingTime: string; durationMinutes: number }, timeZone: string): { startMs: number; endMs: number } {
  const startMs = bookingStart(booking.bookingDate, booking.bookingTime, timeZone).getTime();
  return { startMs, endMs: startMs + booking.durationMinutes * 60_000 };
}

/** Whether the aircraft's grounding covers any of [startMs, endMs). */
export function groundedDuring(aircraft: Pick<AircraftResource, 'grounding'>, startMs: number, endMs: number): boolean {
  const grounding = aircraft.grounding;
  if (!grounding) return false;
  const from = Date.parse(grounding.from);
  const until = grounding.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(grounding.until);
  return from < endMs && startMs < until;
}

export function groundedAt(aircraft: Pick<AircraftResource, 'grounding'>, atMs: number): boolean {
  return groundedDuring(aircraft, atMs, atMs + 1);
}

/** Flagged this close to an inspection: 10 Hobbs hours or 30 days. */
export const MAINTENANCE_WARNING = { hours: 10, days: 30 } as const;

export type MaintenanceState = 'ok' | 'due-soon' | 'overdue';
export type MaintenanceDue = {
  state: MaintenanceState;
  /** Hours left to the 100-hour inspection (negative: past it); null when not recorded. */
  hundredHourLeft: number | null;
  /** Days left to the annual (negative: past it); null when not recorded. */
  annualDaysLeft: number | null;
  /** In the office's words, e.g. "100-hour due in 6.5 h", "annual overdue by 3 days". */
  reasons: string[];
};

/** The aircraft's inspections against its last Hobbs reading and the school's today. */
export function maintenanceDue(aircraft: Pick<AircraftResource, 'hobbs' | 'hundredHourDueHobbs' | 'annualDueOn'>, today: string): MaintenanceDue {
  const hundredHourLeft = aircraft.hundredHourDueHobbs === undefined ? null : Math.round((aircraft.hundredHourDueHobbs - (aircraft.hobbs ?? 0)) * 10) / 10;
  const annualDaysLeft = aircraft.annualDueOn === undefined ? null : daysBetween(today, aircraft.annualDueOn);
  const reasons: string[] = [];
  let state: MaintenanceState = 'ok';
  const worse = (next: MaintenanceState) => {
    if (next === 'overdue' || state === 'ok') state = next;
  };
  if (hundredHourLeft !== null) {
    if (hundredHourLeft <= 0) {
      worse('overdue');
      reasons.push(hundredHourLeft === 0 ? '100-hour inspection due now' : `100-hour inspection overdue by ${-hundredHourLeft} h`);
    } else if (hundredHourLeft <= MAINTENANCE_WARNING.hours) {
      worse('due-soon');
      reasons.push(`100-hour inspection due in ${hundredHourLeft} h`);
    }
  }
  if (annualDaysLeft !== null) {
    if (annualDaysLeft < 0) {
      worse('overdue');
      reasons.push(`annual inspection overdue by ${-annualDaysLeft} ${-annualDaysLeft === 1 ? 'day' : 'days'}`);
    } else if (annualDaysLeft <= MAINTENANCE_WARNING.days) {
      worse('due-soon');
      reasons.push(annualDaysLeft === 0 ? 'annual inspection due today' : `annual inspection due in ${annualDaysLeft} ${annualDaysLeft === 1 ? 'day' : 'days'}`);
    }
  }
  return { state, hundredHourLeft, annualDaysLeft, reasons };
}
