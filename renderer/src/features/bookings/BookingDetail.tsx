import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { updateItem, useDb } from '@renderer/db';
import { noticeSaved } from '@renderer/common/saved-notice';
import { useSession } from '@renderer/common/session';
import { formatInstant } from '@renderer/common/time-zone';
import type { BookingItem } from '@renderer/common/items';
import type { DynamoValue } from '@shared/values';
import { valueWords } from '@renderer/common/value-text';
import { personLabel } from '@renderer/common/people';
import { AsStored } from '@renderer/common/AsStored';
import { SyncStateBadge } from '@renderer/common/SyncStateBadge';
import { overrideRuleName, type BookingStatus } from '@shared/models';
import { blocksBooking, describeProblem } from '@shared/documents';
import { useMirror } from '@renderer/common/data';
import { useDocumentSettings } from '@renderer/common/school-settings';
import { draftDocumentProblems } from './document-check';
import { useBookingEditor } from './BookingEditor';
import { findClashes, describeClash } from './overlap';
import { StatusControl } from './StatusControl';
import { STATUS_COLORS, STATUS_LABELS } from './status-workflow';
import { fieldLabel, serviceTypeLabel } from '@renderer/common/labels';
import { ItemHistory } from '@renderer/common/ItemHistory';
import { routeHref } from '@renderer/common/routes';

/** The keys the form edits, in its order and words; any other key of the map follows, by its own name. */
const DETAIL_ORDER = ['duration', 'aircraft', 'instructorId', 'location', 'notes'];
const PAYMENT_ORDER = ['amount', 'currency', 'paymentMethod', 'paymentStatus'];

/** A map's entries as office rows: labelled fields, people by name, numbers exact, never JSON. */
function mapRows(map: string, values: Record<string, DynamoValue> | undefined, order: readonly string[], nameOf: (userId: string) => string): Array<[string, string]> {
  const entries = Object.entries(values ?? {}).sort(([a], [b]) => rank(order, a) - rank(order, b));
  return entries.map(([key, value]) => [fieldLabel([map, key]), valueWords([map, key], value, nameOf)]);
}

function rank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}

function FieldsTable({ label, rows }: { label: string; rows: ReadonlyArray<readonly [string, string]> }) {
  return (
    <Table withRowBorders={false} verticalSpacing={2} aria-label={label}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w="40%">{name}</Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
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
  const ended = !live;
  const student = users.items.get(booking.userId);
  const personOf = (userId: string) => (student && userId === student.userId ? personLabel(student) : nameOf(userId));
  const documentProblems = live ? draftDocumentProblems(booking, users.items, assets.items.values(), settings, booking) : [];
  // A step that makes the booking live again (confirm, reopen) checks its documents again: a blocking rule stops it.
  const refusal = (to: BookingStatus) => {
    if (to !== 'pending' && to !== 'confirmed') return undefined;
    const problems = draftDocumentProblems(booking, users.items, assets.items.values(), settings, booking);
    if (!blocksBooking(problems)) return undefined;
    return `Not ${to === 'confirmed' ? 'confirmed' : 'reopened'}: ${problems.filter((problem) => problem.enforcement === 'block').map(describeProblem).join('; ')}. Upload a current document on the person's page first, or ask an admin to change the rule.`;
  };
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
          <SyncStateBadge state={conflict ? 'conflict' : pending ? 'waiting' : 'synced'} testId="sync-state" />
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
              <Text key={`${clash.resource}:${clash.other.bookingId}`} size="sm" c="red.9">
                {describeClash(clash, nameOf)}
              </Text>
            ))}
          </Stack>
        ) : null}
        {documentProblems.length > 0 ? (
          <Stack gap={2} role="note" aria-label="Document problems">
            {documentProblems.map((problem) => (
              // Mantine's orange 8 and 9 are 3.6 and 4.3:1 on white, under WCAG AA for 14 px text: a darker amber (5.8:1).
              <Text key={`${problem.person.userId}:${problem.kindId}`} size="sm" c="#b54708">
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
        <StatusControl booking={booking} who={who} timeZone={timeZone} refusal={refusal} onChange={async (changes) => noticeSaved(db, 'Status changed', await updateItem(db, 'bookings', booking.bookingId, changes, who))} />
        {booking.cancellation ? (
          <Text size="sm">
            Cancelled by {booking.cancellation.by} at {formatInstant(booking.cancellation.at, timeZone)}: {booking.cancellation.reason}
          </Text>
        ) : null}
        {booking.reversal ? (
          <Text size="sm" data-testid="reversal">
            Back from {STATUS_LABELS[booking.reversal.from].toLowerCase()} to {STATUS_LABELS[booking.reversal.to].toLowerCase()} by {booking.reversal.by} at {formatInstant(booking.reversal.at, timeZone)}: {booking.reversal.reason}
          </Text>
        ) : null}
        <FieldsTable
          label="Booking fields"
          rows={[
            ['Student', personOf(booking.userId)],
            ['Service type', serviceTypeLabel(booking.serviceType)],
            ['Created', formatInstant(booking.createdAt, timeZone)],
            ...mapRows('details', booking.details, DETAIL_ORDER, nameOf),
          ]}
        />
        <Text fw={600} size="sm">
          Payment
        </Text>
        {booking.paymentInfo && Object.keys(booking.paymentInfo).length > 0 ? (
          <FieldsTable label="Payment" rows={mapRows('paymentInfo', booking.paymentInfo, PAYMENT_ORDER, nameOf)} />
        ) : (
          <Text size="sm" c="dimmed">
            None
          </Text>
        )}
        <Group>
          <Button size="xs" variant="default" onClick={() => editor.edit(booking)} disabled={ended}>
            Edit or reschedule
          </Button>
          {ended ? (
            <Text size="xs" c="dimmed">
              {booking.status === 'completed' ? 'Undo the completion to change it.' : 'Reopen it to change it.'}
            </Text>
          ) : null}
        </Group>
        <ItemHistory entity="bookings" itemKey={booking.bookingId} version={booking.version} nameOf={nameOf} timeZone={timeZone} />
        <AsStored item={booking} />
      </Stack>
    </Paper>
  );
}
