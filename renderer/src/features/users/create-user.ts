import type { z } from 'zod';
import type { Mutation } from '@shared/sync';
import { createItem, type PilotForceDb } from '@renderer/db';
import { userFormPatch, type UserFormSchema } from './user-form-schema';

/** Creates a user from the profile form, queued for sync like any edit; returns the new user's id and the queued change. */
export async function createUserFromForm(db: PilotForceDb, values: z.output<typeof UserFormSchema>, who: string): Promise<{ userId: string; mutation: Mutation }> {
  const userId = `user_${crypto.randomUUID()}`;
  const { phoneNumber, ...rest } = userFormPatch(values);
  const mutation = await createItem(db, 'users', { userId, ...rest, ...(phoneNumber ? { phoneNumber } : {}), createdAt: new Date().toISOString() }, who);
  return { userId, mutation };
}
