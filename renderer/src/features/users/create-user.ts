import type { z } from 'zod';
import type { Mutation } from '@shared/sync';
import { createItem, type PilotForceDb } from '@renderer/db';
import { emailTakenMessage } from '@renderer/common/people';
import { userFormPatch, type UserFormSchema } from './user-form-schema';

/**
 * Creates a user from the profile form, queued for sync like any edit; returns the new user's id and the queued
 * change. An email another user of the local cache already has is refused (with whose it is), before anything is written.
 */
export async function createUserFromForm(db: PilotForceDb, values: z.output<typeof UserFormSchema>, who: string): Promise<{ userId: string; mutation: Mutation }> {
  const owner = await db.users.where('email').equalsIgnoreCase(values.email.trim()).first();
  if (owner) throw new Error(emailTakenMessage(owner));
  const userId = `user_${crypto.randomUUID()}`;
  const { phoneNumber, ...rest } = userFormPatch(values);
  const mutation = await createItem(db, 'users', { userId, ...rest, ...(phoneNumber ? { phoneNumber } : {}), createdAt: new Date().toISOString() }, who);
  return { userId, mutation };
}
