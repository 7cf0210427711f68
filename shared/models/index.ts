import { z } from 'zod';
import { AssetSchema } from './asset';
import { BookingSchema } from './booking';
import { RESOURCE_FIELDS_SHAPE, ResourceSchema } from './resource';
import { UserSchema } from './user';

export * from './aircraft';
export * from './asset';
export * from './booking';
export * from './override';
export * from './resource';
export * from './school-settings';
export * from './sync-attributes';
export * from './user';
export * from './web-url';

/**
 * The synced collections, by the short name the app uses for each table: the ONE list every other
 * list of entities derives from. Resources come first: loops over entities (the initial sync among
 * them) reach the small table holding the school's settings before the others.
 */
export const ENTITY_SCHEMAS = {
  resources: ResourceSchema,
  users: UserSchema,
  bookings: BookingSchema,
  assets: AssetSchema,
} as const satisfies Record<string, z.ZodType>;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
/** Every entity name, as a non-empty list (so `z.enum(ENTITY_NAMES)` keeps the names' type). */
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as [EntityName, ...EntityName[]];

/** Each entity's attributes by name, for checking one changed field (a union's are merged). */
export const ENTITY_FIELD_SHAPES: Record<EntityName, Record<string, z.ZodType>> = {
  resources: RESOURCE_FIELDS_SHAPE,
  users: UserSchema.shape,
  bookings: BookingSchema.shape,
  assets: AssetSchema.shape,
};

/**
 * Keys a modelled map attribute cannot be without (`bookingDefaults` needs both of its keys): such a
 * map is changed as a whole, since a change of one key could leave it, or create it, incomplete.
 */
export function requiredMapKeys(entity: EntityName, field: string): string[] {
  // An own lookup: a field may be called `constructor` or `toString`.
  const shape = ENTITY_FIELD_SHAPES[entity];
  const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
  const parent = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (!(parent instanceof z.ZodObject)) return [];
  return Object.entries(parent.shape as Record<string, z.ZodType>)
    .filter(([, child]) => !child.safeParse(undefined).success)
    .map(([key]) => key);
}

export type EntityOf<E extends EntityName> = z.infer<(typeof ENTITY_SCHEMAS)[E]>;
