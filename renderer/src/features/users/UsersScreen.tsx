import { Avatar, Badge, Button, Grid, Group, NavLink, Paper, ScrollArea, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { updateItem, useAssetsOfUser, useBookingsOfUser, useDb } from '@renderer/db';
import { noticeSaved } from '@renderer/common/saved-notice';
import type { ItemPatch } from '@shared/sync';
import { navigate } from '@renderer/common/routes';
import { useSession } from '@renderer/common/session';
import { EmptyView, LoadingState } from '@renderer/common/states';
import { showFailure } from '@renderer/common/failures';
import { useBookingEditor } from '../bookings/BookingEditor';
import { normalizeText } from '@renderer/common/booking-search-index';
import { STATUS_COLORS, STATUS_LABELS } from '../bookings/status-workflow';
import { useMirror, useNameOf } from '@renderer/common/data';
import type { AssetItem, BookingItem, UserItem } from '@renderer/common/items';
import { useThumbnail } from '../assets/thumbnails';
import { UploadPanel } from '../assets/UploadPanel';
import { formatInstant, todayIn } from '@renderer/common/time-zone';
import { PreferencesEditor } from './PreferencesEditor';
import { createUserFromForm } from './create-user';
import { UserForm } from './UserForm';
import { userFormPatch, userToForm } from './user-form-schema';
import { TableHeader } from '@renderer/common/TableHeader';
import { personOptions, sameNameWarning, usersNamed } from '@renderer/common/people';
import { countOf, roleLabel, serviceTypeLabel } from '@renderer/common/labels';
import { DocumentCurrency } from './DocumentCurrency';
import { ItemHistory } from '@renderer/common/ItemHistory';
import { LIST_ROW, onListKeyDown, onRowKeyDown, onSearchKeyDown, SEARCH_BOX } from '@renderer/common/keyboard';
import { splitByToday } from './user-bookings';

const LIST_LIMIT = 300;

/** A searchable list of users, and the chosen user's page (or the form for a new one). */
export function UsersScreen({ userId }: { userId?: string | undefined }) {
  const users = useMirror('users');
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const matching = useMemo(() => {
    const term = normalizeText(query.trim());
    return [...users.items.values()]
      .filter((user) => !term || normalizeText(`${user.name} ${user.email} ${user.role}`).includes(term))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [users, query]);

  if (!users.loaded) return <LoadingState label="Loading users…" />;
  const selected = userId && userId !== 'new' ? users.items.get(userId) : undefined;

  return (
    <Grid>
      <Grid.Col span={4}>
        <Stack gap="xs">
          <Group gap="xs">
            <TextInput
              placeholder="Search name, email, role"
              aria-label="Search users"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => onSearchKeyDown(event, listRef.current)}
              style={{ flex: 1 }}
              {...{ [SEARCH_BOX]: true }}
            />
            <Button onClick={() => navigate({ screen: 'users', userId: 'new' })}>New user</Button>
          </Group>
          <Text size="xs" c="dimmed" aria-live="polite">
            {countOf(matching.length, 'user')}
            {matching.length > LIST_LIMIT ? `, first ${LIST_LIMIT} shown: refine the search` : ''}
          </Text>
          <ScrollArea h="calc(100vh - 190px)" viewportRef={listRef} onKeyDown={onListKeyDown} aria-label="Users">
            {matching.slice(0, LIST_LIMIT).map((user) => (
              <NavLink
                {...{ [LIST_ROW]: true }}
                key={user.userId}
                href={`#/users/${encodeURIComponent(user.userId)}`}
                active={user.userId === userId}
                label={user.name}
                // The default text colour: an active link's own tint is too light for its description (WCAG AA).
                description={<span style={{ color: 'var(--mantine-color-text)' }}>{`${roleLabel(user.role)} · ${user.email}`}</span>}
                leftSection={<Avatar name={user.name} size="sm" />}
              />
            ))}
          </ScrollArea>
        </Stack>
      </Grid.Col>
      <Grid.Col span={8}>
        {userId === 'new' ? (
          <NewUser />
        ) : selected ? (
          <UserPage key={selected.userId} user={selected} />
        ) : userId ? (
          <EmptyView title="No such user" description="It may have been deleted, or not synced yet." />
        ) : (
          <EmptyView title="Pick a user" description="Search the list, or create a new user." />
        )}
      </Grid.Col>
    </Grid>
  );
}

function NewUser() {
  const db = useDb();
  const { who } = useSession();
  const users = useMirror('users');
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        New user
      </Title>
      <UserForm
        initial={userToForm(undefined)}
        submitLabel="Create user"
        warnName={(name) => sameNameWarning(usersNamed(users.items.values(), name))}
        onSubmit={async (values) => {
          const { userId, mutation } = await createUserFromForm(db, values, who);
          noticeSaved(db, `${values.name} created`, mutation);
          navigate({ screen: 'users', userId });
        }}
      />
    </Paper>
  );
}

/** Profile, preferences, bookings (all or on a date, from the local `[userId+bookingDate]` index) and assets. */
export function UserPage({ user }: { user: UserItem }) {
  const db = useDb();
  const { who, timeZone } = useSession();
  const nameOf = useNameOf();
  const editor = useBookingEditor();
  const [onDate, setOnDate] = useState('');
  const bookings = useBookingsOfUser(user.userId, onDate || undefined);
  const assets = useAssetsOfUser(user.userId);

  const save = (patch: ItemPatch) => updateItem(db, 'users', user.userId, patch, who);

  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-label="Profile">
        <Group mb="sm">
          <UserAvatar user={user} images={assets ?? []} size="lg" />
          <div>
            <Title order={2} size="h4">
              {user.name}
            </Title>
            <Text size="xs" c="dimmed">
              {roleLabel(user.role)} · {user.email} · last change {user.updatedBy ? `by ${user.updatedBy} ` : ''}at {formatInstant(user.updatedAt, timeZone)}
            </Text>
          </div>
        </Group>
        <UserForm
          initial={userToForm(user)}
          submitLabel="Save profile"
          onSubmit={async (values) => {
            noticeSaved(db, 'Profile saved', await save(userFormPatch(values)));
          }}
        />
      </Paper>
      <DocumentCurrency user={user} assets={assets ?? []} />
      <ProfileImage user={user} images={(assets ?? []).filter((asset) => asset.assetType === 'image')} onChoose={async (s3Url) => noticeSaved(db, 'Photo chosen', await save({ profileImageUrl: s3Url }))} />
      <Paper withBorder p="md" component="section" aria-label="Preferences editor">
        <Title order={3} size="h5" mb="sm">
          Preferences
        </Title>
        <PreferencesEditor
          preferences={user.preferences}
          onChange={(patch) => {
            // No notice: each switch saves as it changes and shows the stored value; a notice per click would
            // cover the controls below it. The header counts what is not yet sent.
            save({ preferences: user.preferences ? patch : Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) }).catch(
              (error: unknown) => showFailure(error, 'Preferences not saved'),
            );
          }}
        />
      </Paper>
      <Tabs defaultValue="bookings">
        <Tabs.List>
          <Tabs.Tab value="bookings">Bookings</Tabs.Tab>
          <Tabs.Tab value="assets">Assets ({assets?.length ?? 0})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="bookings" pt="sm">
          <Group align="flex-end" mb="sm">
            <TextInput type="date" label="On date" value={onDate} onChange={(event) => setOnDate(event.currentTarget.value)} />
            <Button variant="subtle" onClick={() => setOnDate(todayIn(timeZone))}>
              Today
            </Button>
            <Button variant="subtle" onClick={() => setOnDate('')} disabled={!onDate}>
              All dates
            </Button>
            <Button onClick={() => editor.create({ userId: user.userId, ...(onDate ? { bookingDate: onDate } : {}) })}>New booking for {user.name}</Button>
          </Group>
          {bookings === undefined ? (
            <LoadingState />
          ) : bookings.length === 0 ? (
            <EmptyView title={onDate ? `No bookings on ${onDate}` : 'No bookings'} />
          ) : (
            <UserBookings name={user.name} bookings={bookings} today={todayIn(timeZone)} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="assets" pt="sm">
          {assets === undefined ? (
            <LoadingState />
          ) : assets.length === 0 ? (
            <EmptyView title="No assets" />
          ) : (
            <Table aria-label={`Assets of ${user.name}`}>
              <Table.Tbody>
                {assets.map((asset) => (
                  <Table.Tr key={asset.assetId} onClick={() => navigate({ screen: 'assets', assetId: asset.assetId })} style={{ cursor: 'pointer' }}>
                    <Table.Td>{asset.fileName}</Table.Td>
                    <Table.Td>{asset.assetType}</Table.Td>
                    <Table.Td>{(asset.tags ?? []).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
      </Tabs>
      {/* Last: it grows as the history loads, and must not move the controls above while they are in use. */}
      <Paper withBorder p="md">
        <ItemHistory entity="users" itemKey={user.userId} version={user.version} nameOf={nameOf} timeZone={timeZone} />
      </Paper>
    </Stack>
  );
}

/** The avatar shows the thumbnail of the image asset the profile points to (the bucket is private). */
function UserAvatar({ user, images, size }: { user: UserItem; images: readonly AssetItem[]; size: 'sm' | 'lg' }) {
  const asset = images.find((image) => image.s3Url !== undefined && image.s3Url === user.profileImageUrl);
  const thumbnail = useThumbnail(asset);
  return <Avatar src={thumbnail} name={user.name} size={size} alt={`${user.name}'s profile image`} />;
}

/** Profile image: upload one (through the uploads machinery) and choose it among the user's images. */
function ProfileImage({ user, images, onChoose }: { user: UserItem; images: readonly AssetItem[]; onChoose: (s3Url: string | undefined) => Promise<unknown> }) {
  const [uploading, setUploading] = useState(false);
  const { who } = useSession();
  const choices = images.filter((image) => image.s3Url).map((image) => ({ value: image.s3Url as string, label: image.fileName }));
  return (
    <Paper withBorder p="md" component="section" aria-label="Profile image">
      <Group align="flex-end">
        <Select
          label="Profile image"
          placeholder={choices.length ? 'Pick one of their images' : 'No images yet: upload one'}
          data={choices}
          value={user.profileImageUrl ?? null}
          onChange={(value) => {
            onChoose(value ?? undefined).catch((error: unknown) => showFailure(error, 'Profile image not changed'));
          }}
          clearable
          w={320}
        />
        <Button variant="default" onClick={() => setUploading(!uploading)}>
          {uploading ? 'Hide upload' : 'Upload an image'}
        </Button>
      </Group>
      {uploading ? (
        <Stack mt="sm">
          <UploadPanel users={personOptions([user])} defaultUserId={user.userId} defaultTags={['profile']} uploadedBy={who} />
        </Stack>
      ) : null}
    </Paper>
  );
}

/** A person's bookings: upcoming soonest first, then past newest first, each under its heading; ↑/↓ and Enter open one. */
function UserBookings({ name, bookings, today }: { name: string; bookings: readonly BookingItem[]; today: string }) {
  const { upcoming, past } = splitByToday(bookings, today);
  return (
    <Stack gap="md" onKeyDown={onListKeyDown}>
      {[
        { title: 'Upcoming', list: upcoming, empty: 'Nothing booked from today on.' },
        { title: 'Past', list: past, empty: 'No past bookings.' },
      ].map(({ title, list, empty }) => (
        <section key={title} aria-label={`${title} bookings of ${name}`}>
          <Title order={3} size="h5" mb={4}>
            {title} ({list.length})
          </Title>
          {list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {empty}
            </Text>
          ) : (
            <Table highlightOnHover>
              <TableHeader columns={['Date', 'Time', 'Service', 'Status', 'Location']} />
              <Table.Tbody>
                {list.map((booking) => {
                  const open = () => navigate({ screen: 'bookings', bookingId: booking.bookingId });
                  return (
                    <Table.Tr key={booking.bookingId} onClick={open} onKeyDown={(event) => onRowKeyDown(event, open)} tabIndex={0} style={{ cursor: 'pointer' }} data-testid="user-booking-row" {...{ [LIST_ROW]: true }}>
                      <Table.Td>{booking.bookingDate}</Table.Td>
                      <Table.Td>{booking.bookingTime}</Table.Td>
                      <Table.Td>{serviceTypeLabel(booking.serviceType)}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" color={STATUS_COLORS[booking.status]}>
                          {STATUS_LABELS[booking.status]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{booking.details?.location ?? ''}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </section>
      ))}
    </Stack>
  );
}
