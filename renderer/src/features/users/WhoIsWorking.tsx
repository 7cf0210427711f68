import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { z } from 'zod';
import { STAFF_ROLES } from '@shared/models';
import type { UserItem as User } from '@renderer/common/items';
import { UserForm } from './UserForm';
import { userToForm, type UserFormSchema } from './user-form-schema';
import { personOptions } from '@renderer/common/people';

/** The users who may work in the app: admins and staff, by name. */
export function staffMembers(users: readonly User[]): User[] {
  return users.filter((user) => !user.deleted && STAFF_ROLES.includes(user.role)).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * First start (and Settings): the person at the desk picks themselves; their name goes into `updatedBy`
 * of every change and is shown in conflicts. Shown once the users table is synced (the shell shows the
 * first sync's progress until then), so with no staff in it the school truly has none: the picker
 * offers to create the first admin, so the app is never a dead end.
 */
export function WhoIsWorkingPicker({
  users,
  current,
  onPick,
  onCreateFirst,
  onClose,
}: {
  users: readonly User[];
  current?: string | undefined;
  onPick: (userId: string) => void;
  onCreateFirst: (values: z.output<typeof UserFormSchema>) => Promise<void>;
  onClose?: () => void;
}) {
  const staff = staffMembers(users);
  const [choice, setChoice] = useState<string | null>(current ?? null);
  return (
    <Modal opened onClose={onClose ?? (() => undefined)} withCloseButton={Boolean(onClose)} closeOnEscape={Boolean(onClose)} closeOnClickOutside={Boolean(onClose)} title="Who is working?" centered>
      <Stack>
        <Text size="sm">Your name is recorded with every change you make and shown to others in conflicts.</Text>
        {staff.length === 0 ? (
          <>
            <Text size="sm" c="dimmed">
              The school has no admin or staff user yet. Create the first admin: you.
            </Text>
            <UserForm initial={{ ...userToForm(undefined), role: 'admin' }} submitLabel="Create user" onSubmit={onCreateFirst} />
          </>
        ) : (
          <Select
            label="I am"
            placeholder="Pick your name"
            data={personOptions(staff)}
            value={choice}
            onChange={setChoice}
            searchable
            data-autofocus
          />
        )}
        {staff.length === 0 ? null : (
          <Button disabled={!choice} onClick={() => choice && onPick(choice)}>
            Start working
          </Button>
        )}
      </Stack>
    </Modal>
  );
}
