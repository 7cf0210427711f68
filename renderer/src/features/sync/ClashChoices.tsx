import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { registrationOf } from '@shared/fleet/rules';
import { applyChanges } from '@shared/sync/changes';
import { describeSlotClash, holdsSlots, slotBookingOf, type SlotClash } from '@shared/slots';
import type { ConflictRecord } from '@renderer/db';
import { amendedPatch } from '@renderer/sync';
import { useMirror } from '@renderer/common/data';
import { groundingOfBooking, useFleet } from '@renderer/common/fleet';
import type { BookingItem } from '@renderer/common/items';
import { handled } from '@renderer/common/failures';
import { officeDate } from '@renderer/common/item-title';
import { findClashes } from '../bookings/overlap';
import type { ConflictChoice } from './ConflictCard';

/** At most this many other aircraft are offered for a clash. */
const ALTERNATIVES = 3;

/** The booking as my change would make it (a new one whole, an edit over their version). */
function intendedBooking(conflict: ConflictRecord): BookingItem | null {
  const mine = conflict.mine;
  const item = mine.kind === 'create' ? mine.item : mine.kind === 'update' ? applyChanges(conflict.theirs ?? conflict.base ?? {}, mine.changes) : null;
  return item && slotBookingOf(item) ? (item as unknown as BookingItem) : null;
}

/**
 * A booking the server refused because another booking holds its aircraft or instructor then (shared/slots):
 * whose slot it is, and one-step ways on: another aircraft of the same type that is free and flying, the
 * booking kept without the resource (it then holds no slot of it), or my change dropped. Each is a new change the server checks again.
 */
export function ClashChoices({ conflict, nameOf, timeZone, onResolve }: { conflict: ConflictRecord; nameOf: (userId: string) => string; timeZone: string; onResolve: (choice: ConflictChoice) => Promise<void> }) {
  const fleet = useFleet();
  const bookings = useMirror('bookings');
  const intended = intendedBooking(conflict);
  const clashes: SlotClash[] = conflict.clashes ?? [];
  const aircraftClash = clashes.find((clash) => clash.resource === 'aircraft');
  const instructorClash = clashes.find((clash) => clash.resource === 'instructor');

  const alternatives = useMemo(() => {
    if (!intended || !aircraftClash) return [];
    const type = fleet.byRegistration.get(aircraftClash.value)?.aircraftType;
    const others = [...bookings.items.values()].filter((booking) => booking.bookingId !== intended.bookingId);
    return fleet.aircraft
      .filter((aircraft) => registrationOf(aircraft) !== aircraftClash.value && (type === undefined || aircraft.aircraftType === type))
      .filter((aircraft) => {
        const moved = { ...intended, details: { ...intended.details, aircraft: registrationOf(aircraft) } };
        return !groundingOfBooking(moved, fleet, timeZone) && !findClashes(moved, others).some((clash) => clash.resource === 'aircraft');
      })
      .slice(0, ALTERNATIVES)
      .map(registrationOf);
  }, [intended, aircraftClash, fleet, bookings, timeZone]);

  const amend = (amendment: Parameters<typeof amendedPatch>[1]) => onResolve({ kind: 'merged', patch: amendedPatch(conflict.mine, amendment) });
  const dropWords = conflict.mine.kind === 'create' ? 'Drop this booking' : 'Drop my change';

  return (
    <Stack gap="xs" data-testid="clash-choices">
      <Alert color="orange" title="Already booked at the server">
        <List size="sm">
          {clashes.map((clash) => (
            <List.Item key={`${clash.resource}:${clash.other.bookingId}:${clash.date}`}>{describeSlotClash(clash, nameOf, officeDate)}.</List.Item>
          ))}
        </List>
        <Text size="xs" mt={4}>
          Another desk booked it first. Choose how this booking goes on; nothing is saved until you do.
        </Text>
      </Alert>
      <Group gap="xs">
        {alternatives.map((registration) => (
          <Button key={registration} size="xs" onClick={handled(() => amend({ details: { aircraft: registration } }), 'Not moved')}>
            Book {registration} instead
          </Button>
        ))}
        {aircraftClash && intended && holdsSlots(intended) ? (
          <Button size="xs" variant="default" onClick={handled(() => amend({ details: { aircraft: undefined } }), 'Not changed')}>
            Keep it without an aircraft
          </Button>
        ) : null}
        {instructorClash ? (
          <Button size="xs" variant="default" onClick={handled(() => amend({ details: { instructorId: undefined } }), 'Not changed')}>
            Keep it without an instructor
          </Button>
        ) : null}
        <Button size="xs" variant="subtle" color="red" onClick={handled(() => onResolve({ kind: 'theirs' }), 'Not dropped')}>
          {dropWords}
        </Button>
      </Group>
    </Stack>
  );
}
