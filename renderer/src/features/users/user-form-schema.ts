import { z } from 'zod';
import { UserFieldsShape } from '@shared/models';
import type { UserItem } from '@renderer/common/items';

/** The user form edits text and validates it with the shared field schemas. */
export const UserFormSchema = z.object({
  name: UserFieldsShape.name,
  email: UserFieldsShape.email,
  phoneNumber: z.string().trim().refine((text) => text === '' || UserFieldsShape.phoneNumber.safeParse(text).success, 'Digits, spaces, ( ) - and an optional leading +'),
  role: UserFieldsShape.role,
});
export type UserFormValues = z.input<typeof UserFormSchema>;

export function userToForm(user: UserItem | undefined): UserFormValues {
  return { name: user?.name ?? '', email: user?.email ?? '', phoneNumber: user?.phoneNumber ?? '', role: user?.role ?? 'customer' };
}

/** The patch of an edit: a cleared phone number is removed, not stored empty. */
export function userFormPatch(values: z.output<typeof UserFormSchema>): Record<string, string | undefined> {
  return { name: values.name, email: values.email, role: values.role, phoneNumber: values.phoneNumber === '' ? undefined : values.phoneNumber };
}
