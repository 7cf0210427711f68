import type { z } from 'zod';
import { createItem, type PilotForceDb } from '@renderer/db';
import { userFormPatch, type UserFormSchema } from './user-form-schema';

/** Creates a user from the profile form, queued for sync like any edit; returns the new user's id. */
export async function createUserFromForm(db: PilotForceDb, values: z.output<typeof UserFormSchema>, who: string): Promise<string> {
  const userId = `user_${crypto.randomUUID()}`;
  const { phoneNumber, ...rest } = userFormPatch(values);
  await createItem(db, 'users', { userId, ...rest, ...(phoneNumber ? { phoneNumber } : {}), createdAt: new Date().toISOString() }, who);
  return userId;
}
