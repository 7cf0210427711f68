import type { z } from 'zod';
import { AssetSchema } from './asset';
import { BookingSchema } from './booking';
import { UserSchema } from './user';

export * from './asset';
export * from './booking';
export * from './sync-attributes';
export * from './user';
export * from './web-url';

/** The three synced collections, by the short name the app uses for each table. */
export const ENTITY_SCHEMAS = {
  users: UserSchema,
  bookings: BookingSchema,
  assets: AssetSchema,
} as const satisfies Record<string, z.ZodType>;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
/** Every entity name, as a non-empty list (so `z.enum(ENTITY_NAMES)` keeps the names' type). */
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as [EntityName, ...EntityName[]];
export type EntityOf<E extends EntityName> = z.infer<(typeof ENTITY_SCHEMAS)[E]>;
