import { useMemo } from 'react';
import type { AircraftResource } from '@shared/models';
import { registrationOf } from '@shared/fleet/rules';
import { useMirror } from './data';

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
