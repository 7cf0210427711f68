import { Button, Group, Paper, ScrollArea, SegmentedControl, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { navigate } from '@renderer/common/routes';
import { useSession } from '@renderer/common/session';
import { LoadingState } from '@renderer/common/states';
import { useMirror, useNameOf } from '@renderer/common/data';
import { useBookingEditor } from '../bookings/BookingEditor';
import { findAllClashes, describeClash } from '../bookings/overlap';
import { registrationOf } from '@shared/fleet/rules';
import { groundingOfBooking, useFleet } from '@renderer/common/fleet';
import { addDays, timeOfMinutes, todayIn } from '@renderer/common/time-zone';
import { describeProblem, type DocumentProblem } from '@shared/documents';
import { useDocumentSettings } from '@renderer/common/school-settings';
import type { AssetItem } from '@renderer/common/items';
import { draftDocumentProblems } from '../bookings/document-check';
import { GROUP_BY_OPTIONS, layoutSchedule, slotAt, UNASSIGNED, viewDates, type GroupBy, type ScheduleMode } from './layout';
import { countOf, serviceTypeLabel } from '@renderer/common/labels';

const HOUR_HEIGHT = 48;
const GROUP_LABELS: Record<GroupBy, string> = { aircraft: 'Aircraft', instructor: 'Instructor', location: 'Location' };

/** Day and week views with a time axis, one lane per aircraft, instructor or location; click a slot to book it. */
export function ScheduleScreen({ date }: { date?: string | undefined }) {
  const { timeZone } = useSession();
  const bookings = useMirror('bookings');
  const users = useMirror('users');
  const assets = useMirror('assets');
  const { settings } = useDocumentSettings();
  const nameOf = useNameOf();
  const editor = useBookingEditor();
  const [mode, setMode] = useState<ScheduleMode>('day');
  const [groupBy, setGroupBy] = useState<GroupBy>('aircraft');
  const day = date ?? todayIn(timeZone);
  const dates = useMemo(() => viewDates(mode, day), [mode, day]);

  const shown = useMemo(() => {
    const inRange = new Set(dates);
    return [...bookings.items.values()].filter((booking) => inRange.has(booking.bookingDate) && booking.status !== 'cancelled');
  }, [bookings, dates]);
  const fleet = useFleet();
  const layout = useMemo(() => layoutSchedule(shown, dates, groupBy, groupBy === 'aircraft' ? fleet.registrations : []), [shown, dates, groupBy, fleet.registrations]);
  // Active bookings on an aircraft grounded during them: flagged on every desk until re-homed or the grounding ends.
  const grounded = useMemo(() => {
    const result = new Map<string, string>();
    for (const booking of shown) {
      const grounded = groundingOfBooking(booking, fleet, timeZone);
      if (grounded) result.set(booking.bookingId, `${registrationOf(grounded.aircraft)} is grounded: ${grounded.grounding.reason}`);
    }
    return result;
  }, [shown, fleet, timeZone]);
  const clashes = useMemo(() => findAllClashes(shown), [shown]);
  // Papers not current on the booking's date, and not already saved against.
  const documentProblems = useMemo(() => {
    const byUser = new Map<string, AssetItem[]>();
    for (const asset of assets.items.values()) {
      const own = byUser.get(asset.userId);
      if (own) own.push(asset);
      else byUser.set(asset.userId, [asset]);
    }
    const result = new Map<string, DocumentProblem[]>();
    for (const booking of shown) {
      if (booking.status === 'completed') continue;
      const documents = [...(byUser.get(booking.userId) ?? []), ...(byUser.get(booking.details?.instructorId ?? '') ?? [])];
      const problems = draftDocumentProblems(booking, users.items, documents, settings, booking);
      if (problems.length) result.set(booking.bookingId, problems);
    }
    return result;
  }, [shown, users, assets, settings]);

  if (!bookings.loaded) return <LoadingState label="Loading the schedule…" />;
  const step = mode === 'day' ? 1 : 7;
  const height = ((layout.axis.endMinute - layout.axis.startMinute) / 60) * HOUR_HEIGHT;
  const lanes = layout.groups.length ? layout.groups : [{ key: UNASSIGNED, items: [] }];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="default" onClick={() => navigate({ screen: 'schedule', date: addDays(day, -step) })} aria-label="Previous">
            ‹
          </Button>
          <TextInput type="date" aria-label="Date" value={day} onChange={(event) => event.currentTarget.value && navigate({ screen: 'schedule', date: event.currentTarget.value })} />
          <Button variant="default" onClick={() => navigate({ screen: 'schedule', date: addDays(day, step) })} aria-label="Next">
            ›
          </Button>
          <Button variant="subtle" onClick={() => navigate({ screen: 'schedule', date: todayIn(timeZone) })}>
            Today
          </Button>
        </Group>
        <Group gap="xs">
          <SegmentedControl aria-label="View" value={mode} onChange={(value) => setMode(value as ScheduleMode)} data={[{ value: 'day', label: 'Day' }, { value: 'week', label: 'Week' }]} />
          <SegmentedControl aria-label="Group by" value={groupBy} onChange={(value) => setGroupBy(value as GroupBy)} data={GROUP_BY_OPTIONS.map((value) => ({ value, label: GROUP_LABELS[value] }))} />
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        Times in {timeZone}. {countOf(shown.length, 'booking')} shown{clashes.size ? `, ${clashes.size} double-booked (red)` : ''}
        {documentProblems.size ? `, ${documentProblems.size} with documents not current (📄)` : ''}
        {grounded.size ? `, ${grounded.size} on a grounded aircraft (🛠)` : ''}. Click an empty slot to create a booking.
      </Text>
      <ScrollArea>
        <Group align="flex-start" gap={0} wrap="nowrap">
          <div style={{ width: 56, paddingTop: 48 }} aria-hidden>
            {layout.axis.hours.map((hour) => (
              <div key={hour} className="pf-schedule-hour" style={{ height: HOUR_HEIGHT }}>
                <Text size="xs" c="dimmed">
                  {timeOfMinutes(hour * 60)}
                </Text>
              </div>
            ))}
          </div>
          {lanes.map((group) => (
            <Paper key={group.key} withBorder radius={0} style={{ minWidth: mode === 'day' ? 220 : 7 * 110 }} aria-label={`${GROUP_LABELS[groupBy]} ${group.key || 'unassigned'}`} component="section">
              <Title order={2} size="h6" p={4} h={24} style={{ textAlign: 'center' }}>
                {group.key ? (groupBy === 'instructor' ? nameOf(group.key) : group.key) : `No ${GROUP_LABELS[groupBy].toLowerCase()}`}
              </Title>
              <Group gap={0} wrap="nowrap" align="flex-start">
                {layout.dates.map((columnDate, dayIndex) => (
                  <div key={columnDate} style={{ flex: 1, minWidth: 110 }}>
                    <Text size="xs" ta="center" h={24}>
                      {mode === 'week' ? columnDate.slice(5) : columnDate}
                    </Text>
                    <div
                      className="pf-schedule-grid"
                      style={{ height }}
                      data-testid="schedule-day"
                      onClick={(event) => {
                        const rect = event.currentTarget.getBoundingClientRect();
                        const slot = slotAt(layout, dayIndex, rect.height ? (event.clientY - rect.top) / rect.height : 0);
                        const lane = group.key ? { [groupBy === 'instructor' ? 'instructorId' : groupBy]: group.key } : {};
                        editor.create({ bookingDate: slot.date, bookingTime: slot.time, ...lane });
                      }}
                    >
                      {layout.axis.hours.map((hour) => (
                        <div key={hour} className="pf-schedule-hour" style={{ height: HOUR_HEIGHT }} />
                      ))}
                      {group.items
                        .filter((item) => item.dayIndex === dayIndex)
                        .map((item) => {
                          const itemClashes = clashes.get(item.booking.bookingId) ?? [];
                          const itemProblems = documentProblems.get(item.booking.bookingId) ?? [];
                          const groundedWhy = grounded.get(item.booking.bookingId);
                          const warnings = [...(groundedWhy ? [groundedWhy] : []), ...itemClashes.map((clash) => describeClash(clash, nameOf)), ...itemProblems.map(describeProblem)];
                          const top = ((item.startMinute - layout.axis.startMinute) / 60) * HOUR_HEIGHT;
                          const itemHeight = Math.max(((item.endMinute - item.startMinute) / 60) * HOUR_HEIGHT, 18);
                          return (
                            <Tooltip key={item.booking.bookingId} label={warnings.length ? warnings.join('\n') : `${serviceTypeLabel(item.booking.serviceType)}, ${item.booking.status}`} multiline w={300}>
                              <button
                                type="button"
                                className="pf-schedule-booking"
                                data-clash={itemClashes.length > 0}
                                data-documents={itemProblems.length > 0}
                                data-grounded={groundedWhy !== undefined}
                                data-testid="schedule-booking"
                                style={{ top, height: itemHeight, left: `${(item.column / item.columns) * 100}%`, width: `${100 / item.columns}%` }}
                                onClick={(event) => {
                                  event.stopPropagation();
                                  navigate({ screen: 'bookings', bookingId: item.booking.bookingId });
                                }}
                              >
                                {item.booking.bookingTime} {nameOf(item.booking.userId)}
                                {itemClashes.length ? ' ⚠' : ''}
                                {itemProblems.length ? ' 📄' : ''}
                                {groundedWhy ? ' 🛠' : ''}
                              </button>
                            </Tooltip>
                          );
                        })}
                    </div>
                  </div>
                ))}
              </Group>
            </Paper>
          ))}
        </Group>
      </ScrollArea>
    </Stack>
  );
}
