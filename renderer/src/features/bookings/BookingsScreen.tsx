import { Badge, Button, Checkbox, Grid, Group, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { BOOKING_STATUSES, type BookingStatus } from '@shared/models';
import { updateItem, useDb, usePendingKeys } from '@renderer/db';
import { noticeSaved } from '@renderer/common/saved-notice';
import { navigate } from '@renderer/common/routes';
import { isField, LIST_ROW, nextIndex, onRowKeyDown, SEARCH_BOX } from '@renderer/common/keyboard';
import { useSession } from '@renderer/common/session';
import { EmptyView, LoadingState } from '@renderer/common/states';
import { handled } from '@renderer/common/failures';
import { DEFAULT_BOOKING_SORT, useBookingOrder, useMirror, useNameOf, usePersonOptions, useServiceTypes } from '@renderer/common/data';
import { bookingsToCsv } from '../import/csv-export';
import { downloadText } from '@renderer/common/download';
import { BookingDetail } from './BookingDetail';
import { useBookingEditor } from './BookingEditor';
import { filterBookings, NarrowingSearch, NO_FILTERS, SORTS, type BookingFilters, type BookingSort } from '@renderer/common/booking-view';
import { queryTerms } from '@renderer/common/booking-search-index';
import { planBulkStatusChange, STATUS_COLORS, STATUS_LABELS } from './status-workflow';
import { serviceTypeLabel } from '@renderer/common/labels';
import { SyncStateBadge } from '@renderer/common/SyncStateBadge';
import { bookingWhen } from '@renderer/common/item-title';

const ROW_HEIGHT = 40;

/** Every booking in the local cache: filter, search, sort, select, change status in bulk, export. */
export function BookingsScreen({ selectedId }: { selectedId?: string | undefined }) {
  const db = useDb();
  const { who, timeZone } = useSession();
  const bookings = useMirror('bookings');
  const users = useMirror('users');
  const nameOf = useNameOf();
  const editor = useBookingEditor();
  const pendingKeys = usePendingKeys('bookings');

  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query, 80);
  const [filters, setFilters] = useState<BookingFilters>(NO_FILTERS);
  const [sort, setSort] = useState<BookingSort>(DEFAULT_BOOKING_SORT);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<BookingStatus | null>(null);
  const [bulkReason, setBulkReason] = useState('');

  // Kept sorted with the mirrors (patched as bookings and users change): mounting sorts nothing.
  const { sorted, haystacks } = useBookingOrder(sort);
  const textSearch = useRef(new NarrowingSearch()).current;
  const matches = useMemo(() => textSearch.positions({ terms: queryTerms(debouncedQuery), haystacks }), [textSearch, debouncedQuery, haystacks]);
  const view = useMemo(() => filterBookings(sorted, filters, matches), [sorted, filters, matches]);

  const serviceTypes = useServiceTypes();
  const userOptions = usePersonOptions();

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: view.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  /** Brings row `index` of the view into the list (it may not be rendered yet: the list is virtual) and focuses it. */
  const focusRow = (index: number) => {
    virtualizer.scrollToIndex(index);
    const focus = (tries: number) => {
      const row = scrollRef.current?.querySelector<HTMLElement>(`[aria-rowindex="${index + 1}"]`);
      if (row) row.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(10);
  };
  const moveInList = (event: KeyboardEvent<HTMLElement>) => {
    if (isField(event.target as Element)) return;
    const row = (event.target as HTMLElement).closest('[aria-rowindex]');
    const next = nextIndex(event.key, row ? Number(row.getAttribute('aria-rowindex')) - 1 : -1, view.length);
    if (next === undefined) return;
    event.preventDefault();
    focusRow(next);
  };

  if (!bookings.loaded) return <LoadingState label="Loading bookings…" />;
  const selected = selectedId ? bookings.items.get(selectedId) : undefined;
  const toggle = (bookingId: string) =>
    setChecked((current) => {
      const next = new Set(current);
      if (!next.delete(bookingId)) next.add(bookingId);
      return next;
    });

  const applyBulk = async () => {
    if (!bulkStatus) return;
    const chosen = [...checked].flatMap((id) => bookings.items.get(id) ?? []);
    // Only a cancel takes the reason typed here; a step back is taken one booking at a time, on its page.
    const plan = planBulkStatusChange(chosen, bulkStatus, { who, now: new Date(), timeZone, ...(bulkStatus === 'cancelled' ? { reason: bulkReason } : {}) });
    const written = [];
    for (const change of plan.changes) written.push(await updateItem(db, 'bookings', change.bookingId, change.changes, who));
    const summary = `${plan.changes.length} changed to ${STATUS_LABELS[bulkStatus]}${plan.skipped.length ? `; ${plan.skipped.length} skipped (${plan.skipped[0]?.error})` : ''}`;
    if (written.some(Boolean)) noticeSaved(db, summary, written);
    else notifications.show({ color: 'orange', message: summary });
    setChecked(new Set());
    setBulkStatus(null);
    setBulkReason('');
  };

  const exportView = () => downloadText(`bookings-${new Date().toISOString().slice(0, 10)}.csv`, bookingsToCsv(view, (userId) => users.items.get(userId)), 'text/csv');

  return (
    <Grid>
      <Grid.Col span={selected ? 7 : 12}>
        <Stack gap="sm">
          <Group justify="space-between">
            <TextInput
              placeholder="Search user name, notes, location…"
              aria-label="Search bookings"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key !== 'ArrowDown' || view.length === 0) return;
                event.preventDefault();
                focusRow(0);
              }}
              {...{ [SEARCH_BOX]: true }}
              w={360}
              rightSectionWidth={110}
              rightSection={
                <Text size="xs" c="dimmed" data-testid="match-count" aria-live="polite">
                  {view.length.toLocaleString()} {view.length === 1 ? 'booking' : 'bookings'}
                </Text>
              }
            />
            <Group gap="xs">
              <Button variant="default" onClick={exportView} disabled={view.length === 0}>
                Export CSV
              </Button>
              <Button onClick={() => editor.create()}>New booking</Button>
            </Group>
          </Group>
          <Group gap="xs" align="flex-end">
            <MultiSelect
              label="Status"
              data={BOOKING_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
              value={filters.statuses}
              onChange={(statuses) => setFilters({ ...filters, statuses: statuses as BookingStatus[] })}
              clearable
              w={220}
            />
            <TextInput type="date" label="From" value={filters.from} onChange={(event) => setFilters({ ...filters, from: event.currentTarget.value })} />
            <TextInput type="date" label="To" value={filters.to} onChange={(event) => setFilters({ ...filters, to: event.currentTarget.value })} />
            <Select label="Service type" data={serviceTypes.map((type) => ({ value: type, label: serviceTypeLabel(type) }))} value={filters.serviceType || null} onChange={(value) => setFilters({ ...filters, serviceType: value ?? '' })} clearable w={170} />
            <Select label="User" data={userOptions} value={filters.userId || null} onChange={(value) => setFilters({ ...filters, userId: value ?? '' })} searchable clearable limit={50} w={220} />
            <Select label="Sort" data={Object.entries(SORTS).map(([value, label]) => ({ value, label }))} value={sort} onChange={(value) => setSort((value as BookingSort) ?? 'date-desc')} allowDeselect={false} w={180} />
            <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          </Group>
          {checked.size > 0 ? (
            <Group gap="xs" align="flex-end" aria-label="Bulk actions">
              <Text size="sm">{checked.size} selected</Text>
              <Select
                label="Change status to"
                data={BOOKING_STATUSES.filter((status) => status !== 'pending').map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
                value={bulkStatus}
                onChange={(value) => setBulkStatus(value as BookingStatus | null)}
                w={180}
              />
              {bulkStatus === 'cancelled' ? <Textarea label="Reason" required value={bulkReason} onChange={(event) => setBulkReason(event.currentTarget.value)} autosize minRows={1} w={260} /> : null}
              <Button onClick={handled(applyBulk, 'Statuses not changed')} disabled={!bulkStatus || (bulkStatus === 'cancelled' && !bulkReason.trim())}>
                Apply
              </Button>
              <Button variant="subtle" onClick={() => setChecked(new Set())}>
                Clear selection
              </Button>
            </Group>
          ) : null}
          {view.length > 0 ? (
            <Checkbox
              label={`Select all ${view.length.toLocaleString()} in view`}
              checked={checked.size > 0 && view.every((booking) => checked.has(booking.bookingId))}
              indeterminate={checked.size > 0 && !view.every((booking) => checked.has(booking.bookingId))}
              onChange={(event) => setChecked(event.currentTarget.checked ? new Set(view.map((booking) => booking.bookingId)) : new Set())}
            />
          ) : null}
          {view.length === 0 ? (
            <EmptyView title={bookings.items.size === 0 ? 'No bookings yet' : 'No booking matches'} description={bookings.items.size === 0 ? 'Create one, import a CSV, or sync.' : 'Change the search or the filters.'} />
          ) : (
            <div ref={scrollRef} style={{ height: 'calc(100vh - 260px)', minHeight: 300, overflow: 'auto' }} role="grid" aria-label="Bookings" aria-rowcount={view.length} onKeyDown={moveInList}>
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((row) => {
                  const booking = view[row.index]!;
                  return (
                    <div
                      key={booking.bookingId}
                      className="pf-row"
                      role="row"
                      aria-rowindex={row.index + 1}
                      aria-selected={booking.bookingId === selectedId}
                      data-selected={booking.bookingId === selectedId}
                      data-testid="booking-row"
                      {...{ [LIST_ROW]: true }}
                      tabIndex={0}
                      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                      onClick={() => navigate({ screen: 'bookings', bookingId: booking.bookingId })}
                      onKeyDown={(event) => onRowKeyDown(event, () => navigate({ screen: 'bookings', bookingId: booking.bookingId }))}
                    >
                      <div role="gridcell">
                        <Checkbox
                          aria-label={`Select the booking of ${nameOf(booking.userId)}, ${bookingWhen(booking.bookingDate, booking.bookingTime)}`}
                          checked={checked.has(booking.bookingId)}
                          onChange={() => toggle(booking.bookingId)}
                          onClick={(event) => event.stopPropagation()}
                        />
                      </div>
                      <Text size="sm" w={140} role="gridcell">
                        {booking.bookingDate} {booking.bookingTime}
                      </Text>
                      <Text size="sm" w={180} truncate role="gridcell">
                        {nameOf(booking.userId)}
                      </Text>
                      <Text size="sm" w={140} truncate role="gridcell">
                        {serviceTypeLabel(booking.serviceType)}
                      </Text>
                      <Badge size="sm" color={STATUS_COLORS[booking.status]} role="gridcell">
                        {STATUS_LABELS[booking.status]}
                      </Badge>
                      <Text size="sm" c="dimmed" truncate style={{ flex: 1 }} role="gridcell">
                        {booking.details?.location ?? ''} {booking.details?.notes ? `· ${booking.details.notes}` : ''}
                      </Text>
                      <div role="gridcell">{pendingKeys?.has(booking.bookingId) ? <SyncStateBadge state="waiting" /> : null}</div>
                    </div>
                  );
                })}
              </div>
            </div>
          )}
        </Stack>
      </Grid.Col>
      {selected ? (
        <Grid.Col span={5}>
          <Group justify="flex-end" mb="xs">
            <Button size="xs" variant="subtle" onClick={() => navigate({ screen: 'bookings' })}>
              Close details
            </Button>
          </Group>
          <BookingDetail booking={selected} pending={pendingKeys?.has(selected.bookingId) ?? false} nameOf={nameOf} others={bookings.items.values()} />
        </Grid.Col>
      ) : null}
    </Grid>
  );
}
