import { z } from 'zod';
import { DynamoValueSchema } from '../values';
import { IsoInstantSchema, SyncAttributesShape, unknownAttributes } from './sync-attributes';
import { WebUrlSchema } from './web-url';

export const KNOWN_ROLES = ['admin', 'staff', 'instructor', 'customer'] as const;
export type KnownRole = (typeof KNOWN_ROLES)[number];

/** Staff who may work in the app and be named in `updatedBy`. */
export const STAFF_ROLES: readonly string[] = ['admin', 'staff'];

export const UserPreferencesSchema = z
  .object({
    theme: z.enum(['light', 'dark']).optional(),
    notifications: z.boolean().optional(),
  })
  .catchall(DynamoValueSchema);
export type UserPreferences = z.infer<typeof UserPreferencesSchema>;

/** The seed's user attributes; `role` is open: an unknown role is kept, not rejected. */
export const UserFieldsShape = {
  userId: z.string().min(1).max(1024),
  email: z.email(),
  name: z.string().trim().min(1).max(200),
  phoneNumber: z
    .string()
    .regex(/^\+?[0-9 ()-]{3,32}$/, 'a phone number has digits, spaces, ( ) - and an optional leading +')
    .optional(),
  role: z.string().trim().min(1).max(64),
  createdAt: IsoInstantSchema,
  preferences: UserPreferencesSchema.optional(),
  profileImageUrl: WebUrlSchema.optional(),
};

export const UserSchema = z.object({ ...UserFieldsShape, ...SyncAttributesShape }).catchall(unknownAttributes);
export type User = z.infer<typeof UserSchema>;

export function isKnownRole(role: string): role is KnownRole {
  return (KNOWN_ROLES as readonly string[]).includes(role);
}
