import { ActionIcon, AppShell, Group, Kbd, Menu, NavLink, Text, Title, Tooltip, UnstyledButton, useComputedColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { useCallback, useEffect, useState } from 'react';
import { updateItem, useDb } from '../db';
import { useSyncStatus } from '../sync';
import { AssetsScreen } from '../features/assets/AssetsScreen';
import { BookingsScreen } from '../features/bookings/BookingsScreen';
import { useBookingEditor } from '../features/bookings/BookingEditor';
import { DEFAULT_BOOKING_SORT, useBookingOrder, useMirror, useNameOf } from '@renderer/common/data';
import { isField, SEARCH_BOX } from '@renderer/common/keyboard';
import { todayIn } from '@renderer/common/time-zone';
import { searchPalette } from './palette-search';
import { ShortcutsSheet } from './ShortcutsSheet';
import { FirstSyncView, useSyncedTables } from '../features/sync/FirstSyncView';
import { ImportScreen } from '../features/import/ImportScreen';
import { ScheduleScreen } from '../features/schedule/ScheduleScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import { UsersScreen } from '../features/users/UsersScreen';
import { CommandPalette, type Command } from './CommandPalette';
import { navigate, NAVIGATION, routeHref, screenShortcut, useRoute, type Route } from '@renderer/common/routes';
import { useOnline, useServices } from '@renderer/common/services';
import { useSession } from '@renderer/common/session';
import { handled, showFailure } from '@renderer/common/failures';
import { SyncIndicator } from './SyncIndicator';
import { LoadingState, ScreenErrorBoundary } from '@renderer/common/states';
import { WhoIsWorkingPicker } from '@renderer/features/users/WhoIsWorking';
import { createUserFromForm } from '../features/users/create-user';
import { ExpiringScreen } from '../features/documents/ExpiringScreen';
import { FleetScreen } from '../features/fleet/FleetScreen';
import { useExpiringDocuments } from '../features/documents/expiring-list';
import { countOf } from '@renderer/common/labels';

function ScreenOf({ route }: { route: Route }) {
  switch (route.screen) {
    case 'schedule':
      return <ScheduleScreen date={route.date} />;
    case 'bookings':
      return <BookingsScreen selectedId={route.bookingId} />;
    case 'users':
      return <UsersScreen userId={route.userId} />;
    case 'assets':
      return <AssetsScreen assetId={route.assetId} />;
    case 'fleet':
      return <FleetScreen />;
    case 'documents':
      return <ExpiringScreen />;
    case 'sync':
      return <SyncScreen conflict={route.conflict} />;
    case 'settings':
      return <SettingsScreen />;
    case 'import':
      return <ImportScreen />;
  }
}

export function Shell() {
  const route = useRoute();
  const db = useDb();
  const session = useSession();
  const users = useMirror('users');
  const { sync } = useServices();
  const editor = useBookingEditor();
  const status = useSyncStatus();
  const online = useOnline();
  const colorScheme = useComputedColorScheme('light');
  const [picking, setPicking] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const order = useBookingOrder(DEFAULT_BOOKING_SORT);
  const nameOf = useNameOf();
  const synced = useSyncedTables();
  const expiring = useExpiringDocuments().entries.length;

  const syncNow = () => sync?.syncNow();
  const toggleTheme = handled(async () => {
    if (!session.staff) return;
    const theme = colorScheme === 'dark' ? 'light' : 'dark';
    await updateItem(db, 'users', session.staff.userId, { preferences: { theme } }, session.who);
  }, 'Theme not changed');

  const commands: Command[] = [
      ...NAVIGATION.map((item) => ({
        id: `go-${item.screen}`,
        label: `Go to ${item.label}`,
        group: 'Navigate',
        shortcut: screenShortcut(item.screen),
        run: () => navigate({ screen: item.screen }),
      })),
      { id: 'new-booking', label: 'New booking', group: 'Actions', shortcut: 'Alt+N', run: () => editor.create() },
      { id: 'new-user', label: 'New user', group: 'Actions', run: () => navigate({ screen: 'users', userId: 'new' }) },
      { id: 'sync-now', label: 'Sync now', group: 'Actions', shortcut: 'Ctrl+Shift+S', run: syncNow },
      { id: 'switch-staff', label: 'Switch who is working', group: 'Actions', run: () => setPicking(true) },
      { id: 'toggle-theme', label: 'Toggle light/dark theme', group: 'Actions', run: toggleTheme },
      { id: 'shortcuts', label: 'Keyboard shortcuts', group: 'Actions', shortcut: '?', run: () => setShowShortcuts(true) },
  ];
  const search = useCallback(
    (query: string): Command[] =>
      searchPalette(query, { bookings: order.sorted, haystacks: order.haystacks, users: users.items.values(), nameOf, today: todayIn(session.timeZone) }).map((hit) => ({
        id: hit.id,
        label: hit.label,
        description: hit.description,
        group: hit.group,
        run: () => navigate('bookingId' in hit.open ? { screen: 'bookings', bookingId: hit.open.bookingId } : { screen: 'users', userId: hit.open.userId }),
      })),
    [order, users, nameOf, session.timeZone],
  );

  // With a modifier: from anywhere, inside a field too.
  useHotkeys(
    [
      ...NAVIGATION.map((item, index): [string, () => void] => [`alt+${index + 1}`, () => navigate({ screen: item.screen })]),
      ['alt+n', () => editor.create()],
      ['mod+shift+s', syncNow],
    ],
    [],
  );
  // Plain keys: outside fields only, where they are not typing.
  useHotkeys([
    ['n', () => editor.create()],
    ['/', () => document.querySelector<HTMLElement>(`[${SEARCH_BOX}]`)?.focus()],
    ['shift+?', () => setShowShortcuts(true)],
    ['?', () => setShowShortcuts(true)],
  ]);
  useEffect(() => {
    // Esc leaves a field (a dialog's fields: Esc closes the dialog instead).
    const leaveField = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const active = document.activeElement;
      if (isField(active) && !active.closest('[role="dialog"]')) active.blur();
    };
    document.addEventListener('keydown', leaveField);
    return () => document.removeEventListener('keydown', leaveField);
  }, []);

  if (session.loading || !users.loaded || !synced) return <LoadingState label="Opening the local database…" />;
  const needsPicker = !session.staff || picking;
  // First start: the staff list (and whether the school has any admin) is known once the users table is synced.
  const firstSync = !session.staff && !synced.has('users');

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={1} size="h4">
              PilotForce Admin
            </Title>
            <Tooltip label="Command palette">
              <UnstyledButton onClick={() => spotlight.open()} aria-label="Open command palette">
                <Kbd>Ctrl</Kbd> + <Kbd>K</Kbd>
              </UnstyledButton>
            </Tooltip>
            <Tooltip label="Keyboard shortcuts">
              <UnstyledButton onClick={() => setShowShortcuts(true)} aria-label="Keyboard shortcuts">
                <Kbd>?</Kbd>
              </UnstyledButton>
            </Tooltip>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SyncIndicator status={status} online={online} onSyncNow={syncNow} />
            <Menu position="bottom-end">
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label={`Working as ${session.who || 'nobody'}`} w="auto" px="xs">
                  <Text size="sm">{session.who || 'Who is working?'}</Text>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setPicking(true)}>Switch who is working</Menu.Item>
                <Menu.Item onClick={toggleTheme}>{colorScheme === 'dark' ? 'Light theme' : 'Dark theme'}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAVIGATION.map((item) => (
          <NavLink
            key={item.screen}
            href={routeHref({ screen: item.screen })}
            label={item.label}
            description={item.screen === 'documents' && expiring > 0 ? <span data-testid="expiring-nav-count">{`${countOf(expiring, 'document')}`}</span> : undefined}
            active={route.screen === item.screen}
            // Mantine fades an active link's description to 0.9, which takes its text under WCAG AA on the active background.
            styles={{ description: { opacity: 1 } }}
            rightSection={<Text size="xs" c="dimmed">{screenShortcut(item.screen)}</Text>}
            aria-current={route.screen === item.screen ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <ScreenErrorBoundary key={route.screen}>
          <ScreenOf route={route} />
        </ScreenErrorBoundary>
      </AppShell.Main>
      <CommandPalette commands={commands} search={search} />
      <ShortcutsSheet opened={showShortcuts} onClose={() => setShowShortcuts(false)} />
      {firstSync ? (
        <FirstSyncView status={status} synced={synced} />
      ) : needsPicker ? (
        <WhoIsWorkingPicker
          users={[...users.items.values()]}
          current={session.staff?.userId}
          onPick={(userId) => {
            const user = users.items.get(userId);
            if (user) session.setStaff(user).then(() => setPicking(false), (error: unknown) => showFailure(error, 'Who is working not changed'));
          }}
          onCreateFirst={async (values) => {
            // The new admin is the author of their own record.
            const { userId } = await createUserFromForm(db, values, values.name);
            const user = await db.users.get(userId);
            if (user) await session.setStaff(user);
            setPicking(false);
          }}
          onClose={session.staff ? () => setPicking(false) : undefined}
        />
      ) : null}
    </AppShell>
  );
}
