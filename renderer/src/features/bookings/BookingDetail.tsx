import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { updateItem, useDb } from '@renderer/db';
import { noticeSaved } from '@renderer/common/saved-notice';
import { useSession } from '@renderer/common/session';
import { formatInstant } from '@renderer/common/time-zone';
import type { BookingItem } from '@renderer/common/items';
import type { DynamoValue } from '@shared/values';
import { valueText } from '@renderer/common/value-text';
import { overrideRuleName } from '@shared/models';
import { describeProblem } from '@shared/documents';
import { useMirror } from '@renderer/common/data';
import { useDocumentSettings } from '@renderer/common/school-settings';
import { draftDocumentProblems } from './document-check';
import { useBookingEditor } from './BookingEditor';
import { findClashes, describeClash } from './overlap';
import { StatusControl } from './StatusControl';
import { STATUS_COLORS, STATUS_LABELS } from './status-workflow';
import { serviceTypeLabel } from '@renderer/common/labels';
import { ItemHistory } from '@renderer/common/ItemHistory';
import { routeHref } from '@renderer/common/routes';

function MapTable({ caption, map }: { caption: string; map: Record<string, DynamoValue> | undefined }) {
  const entries = Object.entries(map ?? {});
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {caption}
      </Text>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={2} aria-label={caption}>
          <Table.Tbody>
            {entries.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Th w="40%">{key}</Table.Th>
                <Table.Td>{valueText(value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}


/** The item exactly as stored (its JSON), for IT only: hidden until asked for. */
function AsStored({ item }: { item: BookingItem }) {
  const [shown, setShown] = useState(false);
  return (
    <Stack gap={4}>
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setShown(!shown)} aria-expanded={shown}>
          {shown ? 'Hide the item as stored' : 'Show the item as stored (for IT)'}
        </Button>
      </Group>
      {shown ? (
        <Code block fz="xs" aria-label="Item as stored">
          {JSON.stringify(item, null, 2)}
        </Code>
      ) : null}
    </Stack>
  );
}

/** Every field of one booking, its last change (who, when), whether it is synced, and its actions. */
export function BookingDetail({ booking, pending, nameOf, others }: { booking: BookingItem; pending: boolean; nameOf: (userId: string) => string; others: Iterable<BookingItem> }) {
  const db = useDb();
  const { who, timeZone } = useSession();
  const editor = useBookingEditor();
  const clashes = findClashes(booking, others);
  const users = useMirror('users');
  const assets = useMirror('assets');
  const { settings } = useDocumentSettings();
  const live = booking.status === 'pending' || booking.status === 'confirmed';
  const documentProblems = live ? draftDocumentProblems(booking, users.items, assets.items.values(), settings, booking) : [];
  const conflicts = useLiveQuery(() => db.conflicts.where('[entity+key]').equals(['bookings', booking.bookingId]).toArray(), [db, booking.bookingId]);
  const conflict = conflicts?.[0];
  return (
    <Paper withBorder p="md" aria-label="Booking details" component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {nameOf(booking.userId)}: {serviceTypeLabel(booking.serviceType)}
          </Title>
          <Badge color={STATUS_COLORS[booking.status]}>{STATUS_LABELS[booking.status]}</Badge>
        </Group>
        <Text size="sm">
          {booking.bookingDate} at {booking.bookingTime} ({timeZone})
        </Text>
        <Group gap="xs">
          <Badge variant="outline" color={conflict ? 'red' : pending ? 'blue' : 'teal'} data-testid="sync-state">
            {conflict ? 'Conflict' : pending ? 'Not yet sent' : 'Synced'}
          </Badge>
          <Text size="xs" c="dimmed">
            Last change {booking.updatedBy ? `by ${booking.updatedBy} ` : ''}at {formatInstant(booking.updatedAt, timeZone)}
            {booking.version ? `, version ${booking.version}` : ''}
          </Text>
        </Group>
        {conflict ? (
          <Alert color="red" title="Your change to this booking was not applied" role="alert">
            <Text size="sm">
              {conflict.theirsBy ?? 'Someone'} changed it first{conflict.theirsAt ? ` (${formatInstant(conflict.theirsAt, timeZone)})` : ''}. What you see is their version; yours
              waits for you to keep it, keep theirs, or merge the two.
            </Text>
            <Anchor href={routeHref({ screen: 'sync', conflict: String(conflict.seq) })} size="sm">
              Decide on the Sync screen
            </Anchor>
          </Alert>
        ) : null}
        {clashes.length > 0 ? (
          <Stack gap={2} role="note" aria-label="Double bookings">
            {clashes.map((clash) => (
              <Text key={`${clash.resource}:${clash.other.bookingId}`} size="sm" c="red">
                {describeClash(clash, nameOf)}
              </Text>
            ))}
          </Stack>
        ) : null}
        {documentProblems.length > 0 ? (
          <Stack gap={2} role="note" aria-label="Document problems">
            {documentProblems.map((problem) => (
              <Text key={`${problem.person.userId}:${problem.kindId}`} size="sm" c="orange.8">
                {describeProblem(problem)} on {booking.bookingDate}
              </Text>
            ))}
          </Stack>
        ) : null}
        {booking.overrides?.length ? (
          <Stack gap={4} component="section" aria-label="Overrides">
            <Text fw={600} size="sm">
              Saved against warnings
            </Text>
            {booking.overrides.map((override, index) => (
              <Paper key={index} withBorder p="xs" data-testid="override">
                <Text size="sm">
                  {overrideRuleName(override.rule)}: saved anyway by {override.by} at {formatInstant(override.at, timeZone)}
                </Text>
                <Text size="sm">Why: {override.reason}</Text>
                {override.detail.split('\n').map((line) => (
                  <Text key={line} size="xs" c="dimmed">
                    {line}
                  </Text>
                ))}
              </Paper>
            ))}
          </Stack>
        ) : null}
        <StatusControl status={booking.status} who={who} onChange={async (changes) => noticeSaved(db, 'Status changed', await updateItem(db, 'bookings', booking.bookingId, changes, who))} />
        {booking.cancellation ? (
          <Text size="sm">
            Cancelled by {booking.cancellation.by} at {formatInstant(booking.cancellation.at, timeZone)}: {booking.cancellation.reason}
          </Text>
        ) : null}
        <Table withRowBorders={false} verticalSpacing={2} aria-label="Booking fields">
          <Table.Tbody>
            {(
              [
                ['Booking id', booking.bookingId],
                ['User', `${nameOf(booking.userId)} (${booking.userId})`],
                ['Service type', serviceTypeLabel(booking.serviceType)],
                ['Created', formatInstant(booking.createdAt, timeZone)],
              ] as const
            ).map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w="40%">{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <MapTable caption="Details" map={booking.details} />
        <MapTable caption="Payment" map={booking.paymentInfo} />
        <Group>
          <Button size="xs" variant="default" onClick={() => editor.edit(booking)} disabled={booking.status === 'cancelled' || booking.status === 'completed'}>
            Edit or reschedule
          </Button>
        </Group>
        <ItemHistory entity="bookings" itemKey={booking.bookingId} version={booking.version} nameOf={nameOf} timeZone={timeZone} />
        <AsStored item={booking} />
      </Stack>
    </Paper>
  );
}
