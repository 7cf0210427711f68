import { useMemo } from 'react';
import { DEFAULT_DURATION_MINUTES, type AircraftResource, type Grounding } from '@shared/models';
import { bookingInstants, groundedDuring, matchRegistration, registrationOf } from '@shared/fleet/rules';
import { useMirror } from './data';
import type { BookingItem } from './items';

export type AircraftItem = AircraftResource & { deleted?: boolean };

/** The register as every screen reads it: the aircraft by registration, and the set of registrations. */
export type Fleet = { aircraft: AircraftItem[]; byRegistration: ReadonlyMap<string, AircraftItem>; registrations: ReadonlySet<string>; loaded: boolean };

export function useFleet(): Fleet {
  const resources = useMirror('resources');
  return useMemo(() => {
    const aircraft = [...resources.items.values()]
      .filter((item): item is AircraftItem => item.resourceType === 'aircraft' && item.deleted !== true)
      .sort((a, b) => registrationOf(a).localeCompare(registrationOf(b)));
    const byRegistration = new Map(aircraft.map((item) => [registrationOf(item), item]));
    return { aircraft, byRegistration, registrations: new Set(byRegistration.keys()), loaded: resources.loaded };
  }, [resources]);
}

/**
 * The grounding an active (pending or confirmed) booking falls in, with its aircraft, when the aircraft it names is
 * grounded during its time (read in the school's zone): what the schedule and the aircraft's panel flag.
 */
export function groundingOfBooking(booking: BookingItem, fleet: Pick<Fleet, 'byRegistration' | 'registrations'>, timeZone: string): { aircraft: AircraftItem; grounding: Grounding } | null {
  if (booking.deleted === true || (booking.status !== 'pending' && booking.status !== 'confirmed')) return null;
  const registration = matchRegistration(booking.details?.aircraft, fleet.registrations);
  const aircraft = registration ? fleet.byRegistration.get(registration) : undefined;
  if (!aircraft?.grounding) return null;
  const { startMs, endMs } = bookingInstants({ bookingDate: booking.bookingDate, bookingTime: booking.bookingTime, durationMinutes: booking.details?.duration ?? DEFAULT_DURATION_MINUTES }, timeZone);
  return groundedDuring(aircraft, startMs, endMs) ? { aircraft, grounding: aircraft.grounding } : null;
}
