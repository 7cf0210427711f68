import { Alert, Button, Checkbox, Group, MultiSelect, NumberInput, Paper, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { defaultSchoolSettings, documentWarningDaysOf, KNOWN_ROLES, SchoolSettingsValuesSchema, WEEKDAYS, type SchoolSettingsValues, type Weekday } from '@shared/models';
import { useDb } from '@renderer/db';
import { saveSchoolSettings, useSchoolSettings } from '@renderer/common/school-settings';
import { handled } from '@renderer/common/failures';
import { useSession } from '@renderer/common/session';
import { supportedTimeZones, timeIn, todayIn } from '@renderer/common/time-zone';
import { TableHeader } from '@renderer/common/TableHeader';
import { TimeField } from '@renderer/common/TimeField';
import { useServiceTypes } from '@renderer/common/data';
import { roleLabel, serviceTypeLabel } from '@renderer/common/labels';
import { DocumentSettings } from './DocumentSettings';
import { settingsProblems } from './settings-problems';

function valuesOf(item: SchoolSettingsValues): SchoolSettingsValues {
  const { timeZone, openingHours, bookingDefaults, documentKinds, documentRules, doubleBooking } = item;
  return { timeZone, openingHours, bookingDefaults, documentKinds, documentRules, documentWarningDays: documentWarningDaysOf(item), doubleBooking };
}

/**
 * The school's settings, one synced item every desk shares (renderer/src/common/school-settings.ts).
 * Only an admin edits them; a change another desk made to the same setting meanwhile is a conflict on
 * the Sync screen, like any item's.
 */
export function SchoolSettingsForm() {
  const db = useDb();
  const session = useSession();
  const school = useSchoolSettings();
  const zones = useMemo(() => supportedTimeZones(), []);
  const saved = useMemo(() => (school ? valuesOf(school) : defaultSchoolSettings(session.timeZone)), [school, session.timeZone]);
  const serviceTypes = useServiceTypes(saved.bookingDefaults.serviceType);
  const [draft, setDraft] = useState<SchoolSettingsValues>(saved);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // A pulled change shows at once unless the admin is in the middle of an edit.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(saved);
  }, [saved, dirty]);

  const isAdmin = session.staff?.role === 'admin';
  const edit = (change: Partial<SchoolSettingsValues>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
    setMessage(null);
  };
  const setDay = (day: Weekday, hours: { open: string; close: string } | undefined) => {
    const openingHours = { ...draft.openingHours };
    if (hours) openingHours[day] = hours;
    else delete openingHours[day];
    edit({ openingHours });
  };
  const save = async () => {
    const parsed = SchoolSettingsValuesSchema.safeParse(draft);
    if (!parsed.success) {
      setMessage({ ok: false, text: `Not saved. ${settingsProblems(parsed.error.issues, draft).join('; ')}.` });
      return;
    }
    try {
      await saveSchoolSettings(db, parsed.data, session.who);
      setDirty(false);
      setMessage({ ok: true, text: 'Saved; every desk gets it at its next sync.' });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="School settings">
      <Title order={2} size="h4" mb="sm">
        School settings
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {school ? `Shared by every desk; last changed by ${school.updatedBy ?? 'someone'}.` : 'Not saved yet: this desk shows its own time zone until an admin saves the school settings.'}
        {isAdmin ? '' : ' Only an admin can change them.'}
      </Text>
      <fieldset disabled={!isAdmin} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <Select
            label="Time zone: booking dates and times are shown and entered in"
            data={zones}
            value={draft.timeZone}
            onChange={(zone) => zone && edit({ timeZone: zone })}
            searchable
            allowDeselect={false}
            limit={100}
            disabled={!isAdmin}
          />
          <Text size="xs" c="dimmed">
            It is now {todayIn(saved.timeZone)} {timeIn(saved.timeZone)} in {saved.timeZone}.
          </Text>
          <Table aria-label="Opening hours">
            <TableHeader columns={['Day', 'Open', 'Opens', 'Closes']} />
            <Table.Tbody>
              {WEEKDAYS.map((day) => {
                const hours = draft.openingHours[day];
                return (
                  <Table.Tr key={day}>
                    <Table.Td tt="capitalize">{day}</Table.Td>
                    <Table.Td>
                      <Checkbox aria-label={`Open on ${day}`} checked={hours !== undefined} onChange={(event) => setDay(day, event.currentTarget.checked ? { open: '08:00', close: '18:00' } : undefined)} />
                    </Table.Td>
                    <Table.Td>
                      {hours ? <TimeField aria-label={`${day} opens`} value={hours.open} onChange={(open) => setDay(day, { ...hours, open })} w={90} /> : null}
                    </Table.Td>
                    <Table.Td>
                      {hours ? <TimeField aria-label={`${day} closes`} value={hours.close} onChange={(close) => setDay(day, { ...hours, close })} w={90} /> : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group grow>
            <NumberInput
              label="Default booking length (minutes)"
              value={draft.bookingDefaults.durationMinutes}
              min={1}
              max={1440}
              onChange={(value) => edit({ bookingDefaults: { ...draft.bookingDefaults, durationMinutes: Number(value) } })}
            />
            <Select
              label="Default service type"
              data={serviceTypes.map((type) => ({ value: type, label: serviceTypeLabel(type) }))}
              value={draft.bookingDefaults.serviceType}
              onChange={(serviceType) => serviceType && edit({ bookingDefaults: { ...draft.bookingDefaults, serviceType } })}
              allowDeselect={false}
            />
          </Group>
          <Group grow>
            <Switch label="Double bookings may be overridden" checked={draft.doubleBooking.allowed} onChange={(event) => edit({ doubleBooking: { ...draft.doubleBooking, allowed: event.currentTarget.checked } })} />
            <MultiSelect
              label="Roles that may override a double booking"
              data={[...new Set([...KNOWN_ROLES, ...draft.doubleBooking.roles])].map((role) => ({ value: role, label: roleLabel(role) }))}
              value={draft.doubleBooking.roles}
              onChange={(roles) => edit({ doubleBooking: { ...draft.doubleBooking, roles } })}
              disabled={!draft.doubleBooking.allowed}
            />
          </Group>
          <DocumentSettings values={draft} onChange={edit} disabled={!isAdmin} />
          {message ? (
            <Alert color={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </Alert>
          ) : null}
          <Group>
            <Button onClick={handled(save, 'School settings not saved')} disabled={!isAdmin || !dirty}>
              Save school settings
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </Paper>
  );
}
