import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { STAFF_ROLES } from '../../../shared/models';
import type { UserItem as User } from '../features/items';

/** The users who may work in the app: admins and staff, by name. */
export function staffMembers(users: readonly User[]): User[] {
  return users.filter((user) => !user.deleted && STAFF_ROLES.includes(user.role)).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * First start (and Settings): the person at the desk picks themselves; their name goes into `updatedBy`
 * of every change and is shown in conflicts.
 */
export function WhoIsWorkingPicker({ users, current, onPick, onClose }: { users: readonly User[]; current?: string | undefined; onPick: (userId: string) => void; onClose?: () => void }) {
  const staff = staffMembers(users);
  const [choice, setChoice] = useState<string | null>(current ?? null);
  return (
    <Modal opened onClose={onClose ?? (() => undefined)} withCloseButton={Boolean(onClose)} closeOnEscape={Boolean(onClose)} closeOnClickOutside={Boolean(onClose)} title="Who is working?" centered>
      <Stack>
        <Text size="sm">Your name is recorded with every change you make and shown to others in conflicts.</Text>
        {staff.length === 0 ? (
          <Text size="sm" c="dimmed">
            No admin or staff users are in the local cache yet. Sync, or create a staff user under Users.
          </Text>
        ) : (
          <Select
            label="I am"
            placeholder="Pick your name"
            data={staff.map((user) => ({ value: user.userId, label: `${user.name} (${user.role})` }))}
            value={choice}
            onChange={setChoice}
            searchable
            data-autofocus
          />
        )}
        <Button disabled={!choice} onClick={() => choice && onPick(choice)}>
          Start working
        </Button>
      </Stack>
    </Modal>
  );
}
