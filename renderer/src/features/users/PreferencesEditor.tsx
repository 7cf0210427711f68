import { Group, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import type { UserPreferences } from '@shared/models';

/** The seed's "update preferences": theme and notifications, each saved as soon as it changes. */
export function PreferencesEditor({ preferences, onChange }: { preferences: UserPreferences | undefined; onChange: (patch: Partial<UserPreferences>) => void }) {
  return (
    <Stack gap="sm" aria-label="Preferences" role="group">
      <Group>
        <Text size="sm" w={120} id="pref-theme">
          Theme
        </Text>
        <SegmentedControl
          aria-labelledby="pref-theme"
          value={preferences?.theme ?? 'system'}
          onChange={(value) => onChange({ theme: value === 'system' ? undefined : (value as 'light' | 'dark') })}
          data={[
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
            { value: 'system', label: 'Not set' },
          ]}
        />
      </Group>
      <Switch label="Notifications" checked={preferences?.notifications ?? false} onChange={(event) => onChange({ notifications: event.currentTarget.checked })} />
    </Stack>
  );
}
