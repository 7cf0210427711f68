import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { groundedAt, maintenanceDue, registrationOf, unmatchedAircraft } from '@shared/fleet/rules';
import { todayIn } from '@shared/local-date';
import { createItem, updateItem, useDb } from '@renderer/db';
import { useMirror, useNameOf } from '@renderer/common/data';
import { handled } from '@renderer/common/failures';
import { groundingOfBooking, useFleet, type AircraftItem, type Fleet } from '@renderer/common/fleet';
import type { BookingItem } from '@renderer/common/items';
import { routeHref } from '@renderer/common/routes';
import { useSession } from '@renderer/common/session';
import { EmptyView } from '@renderer/common/states';
import { bookingStart, formatInstant } from '@renderer/common/time-zone';
import type { ItemPatch } from '@shared/sync';
import { checkAircraftForm, EMPTY_AIRCRAFT_FORM, type AircraftFormErrors, type AircraftFormValues } from './aircraft-form';
import { countOf } from '@renderer/common/labels';

/** The fleet: the aircraft register, each aircraft's state, and the free-text aircraft bookings name that it does not hold yet. */
export function FleetScreen() {
  const fleet = useFleet();
  const bookings = useMirror('bookings');
  const { timeZone } = useSession();
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState<Partial<AircraftFormValues> | null>(null);
  const today = todayIn(timeZone);
  const unmatched = useMemo(() => unmatchedAircraft([...bookings.items.values()].filter((booking) => booking.deleted !== true).map((booking) => booking.details?.aircraft), fleet.registrations), [bookings, fleet.registrations]);
  const chosen = open ? fleet.byRegistration.get(open) : undefined;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h4">
          Fleet
        </Title>
        <Button onClick={() => setAdding({})}>Add aircraft</Button>
      </Group>
      {adding ? <AddAircraft initial={adding} registrations={fleet.registrations} onDone={(registration) => { setAdding(null); if (registration) setOpen(registration); }} /> : null}
      {fleet.aircraft.length === 0 ? (
        <EmptyView title="No aircraft in the register yet" description="Add the school’s aircraft: bookings then pick them by registration, and grounding one flags its bookings on every desk." />
      ) : (
        <Table highlightOnHover aria-label="Aircraft">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Registration</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Home</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Hobbs</Table.Th>
              <Table.Th>Maintenance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fleet.aircraft.map((aircraft) => {
              const registration = registrationOf(aircraft);
              const due = maintenanceDue(aircraft, today);
              return (
                <Table.Tr key={aircraft.resourceId} data-testid="aircraft-row">
                  <Table.Td>
                    <Anchor component="button" size="sm" onClick={() => setOpen(registration)}>
                      {registration}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{aircraft.aircraftType ?? ''}</Table.Td>
                  <Table.Td>{aircraft.homeLocation ?? ''}</Table.Td>
                  <Table.Td>
                    <AircraftStatus aircraft={aircraft} timeZone={timeZone} />
                  </Table.Td>
                  <Table.Td>{aircraft.hobbs ?? ''}</Table.Td>
                  <Table.Td>
                    {due.hundredHourLeft === null && due.annualDaysLeft === null ? (
                      <Text size="xs" c="dimmed">
                        Not recorded
                      </Text>
                    ) : (
                      <MaintenanceBadge state={due.state} />
                    )}
                    {due.reasons.length > 0 ? (
                      <Text size="xs" c="dimmed">
                        {due.reasons.join('; ')}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {chosen ? <AircraftPanel key={chosen.resourceId} aircraft={chosen} bookings={bookings.items} fleet={fleet} /> : null}
      {unmatched.length > 0 ? (
        <Paper withBorder p="md" component="section" aria-label="Aircraft not in the register">
          <Title order={3} size="h5">
            Aircraft named in bookings but not in the register
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            Nothing is rewritten: add each to the register (its bookings then match it, whatever their spelling), or correct the bookings.
          </Text>
          <Table aria-label="Unmatched aircraft">
            <Table.Tbody>
              {unmatched.map((entry) => (
                <Table.Tr key={entry.registration} data-testid="unmatched-aircraft">
                  <Table.Td>{entry.registration}</Table.Td>
                  <Table.Td>
                    {countOf(entry.bookings, 'booking')} ({entry.spellings.map((spelling) => `“${spelling}”`).join(', ')})
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setAdding({ registration: entry.registration })} aria-label={`Add ${entry.registration} to the register`}>
                      Add to the register
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}

function AircraftStatus({ aircraft, timeZone }: { aircraft: AircraftItem; timeZone: string }) {
  const grounding = aircraft.grounding;
  // Shades whose text meets WCAG AA at a badge's 11 px (the light variants are 3.8:1): dark text on the light
  // ones (autoContrast), white on red 9.
  if (!grounding) return <Badge color="green.3" autoContrast>Available</Badge>;
  const now = groundedAt(aircraft, Date.now());
  const when = grounding.until ? `until ${formatInstant(grounding.until, timeZone)}` : 'until further notice';
  return (
    <Stack gap={0}>
      <Badge color={now ? 'red.9' : 'yellow.4'} autoContrast>
        {now ? 'Grounded' : `Grounded from ${formatInstant(grounding.from, timeZone)}`}
      </Badge>
      <Text size="xs">
        {grounding.reason}, {when} ({grounding.by})
      </Text>
    </Stack>
  );
}

function MaintenanceBadge({ state }: { state: 'ok' | 'due-soon' | 'overdue' }) {
  const [color, label] = state === 'overdue' ? ['red.9', 'Overdue'] : state === 'due-soon' ? ['yellow.4', 'Due soon'] : ['gray.8', 'In date'];
  return (
    <Badge color={color} variant={state === 'due-soon' ? 'filled' : 'outline'} autoContrast>
      {label}
    </Badge>
  );
}

function AddAircraft({ initial, registrations, onDone }: { initial: Partial<AircraftFormValues>; registrations: ReadonlySet<string>; onDone: (registration: string | null) => void }) {
  const db = useDb();
  const { who } = useSession();
  const [values, setValues] = useState<AircraftFormValues>({ ...EMPTY_AIRCRAFT_FORM, ...initial });
  const [errors, setErrors] = useState<AircraftFormErrors>({});
  const field = (name: keyof AircraftFormValues, label: string, extra: { placeholder?: string; description?: string } = {}) => (
    <TextInput label={label} value={values[name]} error={errors[name]} onChange={(event) => setValues({ ...values, [name]: event.currentTarget.value })} {...extra} />
  );
  const save = handled(async () => {
    const checked = checkAircraftForm(values, registrations);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    await createItem(db, 'resources', { resourceId: checked.resourceId, ...checked.fields, createdAt: new Date().toISOString() }, who);
    onDone(String(checked.fields.name));
  }, 'Aircraft not added');
  return (
    <Paper withBorder p="md" component="form" aria-label="New aircraft" onSubmit={(event) => { event.preventDefault(); save(); }}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          {field('registration', 'Registration', { placeholder: 'N172PF' })}
          {field('aircraftType', 'Type', { placeholder: 'C172' })}
          {field('homeLocation', 'Home', { placeholder: 'Main base' })}
          {field('hourlyRate', 'Hourly rate')}
        </Group>
        <Group grow align="flex-start">
          {field('hobbs', 'Hobbs')}
          {field('tach', 'Tach')}
          {field('hundredHourDueHobbs', '100-hour due at Hobbs')}
          {field('annualDueOn', 'Annual due on', { placeholder: 'YYYY-MM-DD' })}
        </Group>
        <Textarea label="Notes" value={values.notes} onChange={(event) => setValues({ ...values, notes: event.currentTarget.value })} autosize minRows={1} />
        <Group>
          <Button type="submit">Add to the register</Button>
          <Button variant="default" onClick={() => onDone(null)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One aircraft: ground it (reason, until) or return it to service, and the bookings its grounding touches. */
function AircraftPanel({ aircraft, bookings, fleet }: { aircraft: AircraftItem; bookings: ReadonlyMap<string, BookingItem>; fleet: Fleet }) {
  const db = useDb();
  const { who, timeZone } = useSession();
  const nameOf = useNameOf();
  const registration = registrationOf(aircraft);
  const [reason, setReason] = useState('');
  const [untilDate, setUntilDate] = useState('');
  const [untilTime, setUntilTime] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const affected = useMemo(() => {
    if (!aircraft.grounding) return [];
    return [...bookings.values()]
      .filter((booking) => groundingOfBooking(booking, fleet, timeZone)?.aircraft === aircraft)
      .sort((a, b) => `${a.bookingDate}${a.bookingTime}`.localeCompare(`${b.bookingDate}${b.bookingTime}`));
  }, [aircraft, bookings, fleet, timeZone]);

  const ground = handled(async () => {
    if (reason.trim() === '') return setProblem('Say why the aircraft is grounded, e.g. “Magneto check”.');
    if ((untilDate === '') !== (untilTime === '')) return setProblem('Give both a date and a time for the end of the grounding, or neither (until further notice).');
    const from = new Date().toISOString();
    // An unreadable date or time is an invalid Date, which toISOString would throw on: checked first.
    const end = untilDate ? bookingStart(untilDate, untilTime, timeZone) : undefined;
    if (end !== undefined && Number.isNaN(end.getTime())) return setProblem('The end of the grounding is a date like 2026-12-03 and a 24-hour time like 17:00.');
    if (end !== undefined && end.getTime() <= Date.parse(from)) return setProblem('The grounding must end after now.');
    const until = end?.toISOString();
    setProblem(null);
    await updateItem(db, 'resources', aircraft.resourceId, { grounding: { reason: reason.trim(), from, ...(until ? { until } : {}), by: who } } as unknown as ItemPatch, who);
    setReason('');
  }, 'Aircraft not grounded');
  const release = handled(() => updateItem(db, 'resources', aircraft.resourceId, { grounding: undefined } as unknown as ItemPatch, who), 'Aircraft not returned to service');

  return (
    <Paper withBorder p="md" component="section" aria-label={`Aircraft ${registration}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {registration} {aircraft.aircraftType ? `· ${aircraft.aircraftType}` : ''}
          </Title>
          <AircraftStatus aircraft={aircraft} timeZone={timeZone} />
        </Group>
        {aircraft.grounding ? (
          <Group>
            <Button variant="light" color="green" onClick={release}>
              Return to service
            </Button>
          </Group>
        ) : (
          <Group align="flex-end">
            <TextInput label="Reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} w={260} />
            <TextInput label="Until (date)" placeholder="YYYY-MM-DD" value={untilDate} onChange={(event) => setUntilDate(event.currentTarget.value)} w={140} />
            <TextInput label="Until (time)" placeholder="HH:MM" value={untilTime} onChange={(event) => setUntilTime(event.currentTarget.value)} w={100} />
            <Button color="red" variant="light" onClick={ground}>
              Ground
            </Button>
          </Group>
        )}
        {problem ? (
          <Alert color="red" title="Not grounded">
            {problem}
          </Alert>
        ) : null}
        {aircraft.grounding ? (
          affected.length === 0 ? (
            <Text size="sm">No booking falls in this grounding.</Text>
          ) : (
            <Stack gap={4} aria-label="Bookings needing attention">
              <Text size="sm" fw={600}>
                {countOf(affected.length, 'booking needs', 'bookings need')} another aircraft or a new time
              </Text>
              {affected.map((booking) => (
                <Anchor key={booking.bookingId} href={routeHref({ screen: 'bookings', bookingId: booking.bookingId })} size="sm" data-testid="grounded-booking">
                  {booking.bookingDate} {booking.bookingTime} · {nameOf(booking.userId)}
                </Anchor>
              ))}
            </Stack>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}
