import { ActionIcon, AppShell, Group, Kbd, Menu, NavLink, Text, Title, Tooltip, UnstyledButton, useComputedColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { useState } from 'react';
import { updateItem, useDb } from '../db';
import { useSyncStatus } from '../sync';
import { AssetsScreen } from '../features/assets/AssetsScreen';
import { BookingsScreen } from '../features/bookings/BookingsScreen';
import { useBookingEditor } from '../features/bookings/BookingEditor';
import { useMirror } from '@renderer/common/data';
import { ImportScreen } from '../features/import/ImportScreen';
import { ScheduleScreen } from '../features/schedule/ScheduleScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import { UsersScreen } from '../features/users/UsersScreen';
import { CommandPalette, type Command } from './CommandPalette';
import { navigate, NAVIGATION, routeHref, useRoute, type Route } from '@renderer/common/routes';
import { useOnline, useServices } from '@renderer/common/services';
import { useSession } from '@renderer/common/session';
import { handled, showFailure } from '@renderer/common/failures';
import { SyncIndicator } from './SyncIndicator';
import { LoadingState, ScreenErrorBoundary } from '@renderer/common/states';
import { WhoIsWorkingPicker } from '@renderer/features/users/WhoIsWorking';
import { createUserFromForm } from '../features/users/create-user';
import { ExpiringScreen } from '../features/documents/ExpiringScreen';
import { useExpiringDocuments } from '../features/documents/expiring-list';
import { personLabel } from '@renderer/common/people';

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
    case 'documents':
      return <ExpiringScreen />;
    case 'sync':
      return <SyncScreen />;
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
  const expiring = useExpiringDocuments().entries.length;

  const syncNow = () => sync?.syncNow();
  const toggleTheme = handled(async () => {
    if (!session.staff) return;
    const theme = colorScheme === 'dark' ? 'light' : 'dark';
    await updateItem(db, 'users', session.staff.userId, { preferences: { theme } }, session.who);
  }, 'Theme not changed');

  const commands: Command[] = [
      ...NAVIGATION.map((item, index) => ({
        id: `go-${item.screen}`,
        label: `Go to ${item.label}`,
        group: 'Navigate',
        shortcut: `Alt+${index + 1}`,
        run: () => navigate({ screen: item.screen }),
      })),
      { id: 'new-booking', label: 'New booking', group: 'Actions', shortcut: 'N', run: () => editor.create() },
      { id: 'new-user', label: 'New user', group: 'Actions', run: () => navigate({ screen: 'users', userId: 'new' }) },
      { id: 'sync-now', label: 'Sync now', group: 'Actions', shortcut: 'Ctrl+Shift+S', run: syncNow },
      { id: 'switch-staff', label: 'Switch who is working', group: 'Actions', run: () => setPicking(true) },
      { id: 'toggle-theme', label: 'Toggle light/dark theme', group: 'Actions', run: toggleTheme },
      ...[...users.items.values()].slice(0, 2000).map((user) => ({
        id: `user-${user.userId}`,
        label: personLabel(user),
        group: 'Users',
        run: () => navigate({ screen: 'users', userId: user.userId }),
    })),
  ];

  useHotkeys([
    ...NAVIGATION.map((item, index): [string, () => void] => [`alt+${index + 1}`, () => navigate({ screen: item.screen })]),
    ['n', () => editor.create()],
    ['mod+shift+s', syncNow],
  ]);

  if (session.loading || !users.loaded) return <LoadingState label="Opening the local database…" />;
  const needsPicker = !session.staff || picking;

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
        {NAVIGATION.map((item, index) => (
          <NavLink
            key={item.screen}
            href={routeHref({ screen: item.screen })}
            label={item.label}
            description={item.screen === 'documents' && expiring > 0 ? <span data-testid="expiring-nav-count">{`${expiring} ${expiring === 1 ? 'document' : 'documents'}`}</span> : undefined}
            active={route.screen === item.screen}
            rightSection={<Text size="xs" c="dimmed">{`Alt+${index + 1}`}</Text>}
            aria-current={route.screen === item.screen ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <ScreenErrorBoundary key={route.screen}>
          <ScreenOf route={route} />
        </ScreenErrorBoundary>
      </AppShell.Main>
      <CommandPalette commands={commands} />
      {needsPicker ? (
        <WhoIsWorkingPicker
          users={[...users.items.values()]}
          current={session.staff?.userId}
          onPick={(userId) => {
            const user = users.items.get(userId);
            if (user) session.setStaff(user).then(() => setPicking(false), (error: unknown) => showFailure(error, 'Who is working not changed'));
          }}
          onCreateFirst={async (values) => {
            // The new admin is the author of their own record.
            const userId = await createUserFromForm(db, values, values.name);
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
