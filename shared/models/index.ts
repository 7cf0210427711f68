import type { z } from 'zod';
import { AssetSchema, type Asset } from './asset';
import { BookingSchema, type Booking } from './booking';
import { UserSchema, type User } from './user';

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
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as EntityName[];
export type EntityOf<E extends EntityName> = { users: User; bookings: Booking; assets: Asset }[E];
