import { z } from 'zod';
import { IsoInstantSchema, SyncAttributesShape, unknownAttributes } from './sync-attributes';
import { SCHOOL_SETTINGS_ID, SchoolSettingsFieldsShape } from './school-settings';
import { AircraftFieldsShape } from './aircraft';

/**
 * PilotForce-Resources: the school's own things every desk shares (settings; the fleet and instructor
 * hours build on it). The key is a typed id `<type>#<natural key>` (`aircraft#N172PF`,
 * `school#settings`): two offline desks adding the same aircraft write the same key, so the second
 * create fails its condition instead of making a duplicate.
 */
export const RESOURCE_TYPES = ['school-settings', 'aircraft', 'instructor'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The typed id's prefix of each type; school settings is one item with a fixed id. */
export const RESOURCE_ID_PREFIX: Record<ResourceType, string> = {
  'school-settings': 'school#',
  aircraft: 'aircraft#',
  instructor: 'instructor#',
};

const naturalKey = z.string().regex(/^[^#\s][^#]{0,200}$/, 'a natural key has no # and does not start with a space');

function typedId(type: Exclude<ResourceType, 'school-settings'>) {
  const prefix = RESOURCE_ID_PREFIX[type];
  return z.string().refine((id) => id.startsWith(prefix) && naturalKey.safeParse(id.slice(prefix.length)).success, `a resource of type ${type} has the id ${prefix}<key>`);
}

/** Each type's own fields; a resource also has `createdAt` and the sync attributes. */
const SchoolSettingsFields = { resourceId: z.literal(SCHOOL_SETTINGS_ID), resourceType: z.literal('school-settings'), ...SchoolSettingsFieldsShape };
/** An aircraft of the register (shared/models/aircraft.ts). */
const AircraftFields = { resourceId: typedId('aircraft'), resourceType: z.literal('aircraft'), ...AircraftFieldsShape };
/** Only the discriminator and a name for now: the instructor-hours issue defines the rest. */
const InstructorFields = { resourceId: typedId('instructor'), resourceType: z.literal('instructor'), name: z.string().trim().min(1).max(200) };

const UNKNOWN_TYPE = `not a resource type this version knows (${RESOURCE_TYPES.join(', ')})`;

function resourceUnion<S extends z.core.$ZodLooseShape>(extra: S) {
  return z.discriminatedUnion('resourceType', [
    z.object({ ...SchoolSettingsFields, ...extra }).catchall(unknownAttributes),
    z.object({ ...AircraftFields, ...extra }).catchall(unknownAttributes),
    z.object({ ...InstructorFields, ...extra }).catchall(unknownAttributes),
  ], { error: UNKNOWN_TYPE });
}

/**
 * A resource by its type. An item of a type this version does not know fails on `resourceType` and is
 * quarantined with that reason, like any item that does not fit.
 */
export const ResourceSchema = resourceUnion({ createdAt: IsoInstantSchema, ...SyncAttributesShape });
export type Resource = z.infer<typeof ResourceSchema>;
export type SchoolSettingsResource = Extract<Resource, { resourceType: 'school-settings' }>;
export type AircraftResource = Extract<Resource, { resourceType: 'aircraft' }>;

/** The fields a new resource may carry (the server adds the sync attributes). */
export const ResourceCreateSchema = resourceUnion({ createdAt: IsoInstantSchema });

/**
 * Every attribute a resource of any type may have, for checking an update field by field without
 * reading the item. `resourceType` is fixed at creation (fixedPathReason in shared/sync/changes): a change would move the
 * item to another type's schema.
 */
export const RESOURCE_FIELDS_SHAPE = {
  ...SchoolSettingsFieldsShape,
  ...AircraftFields,
  createdAt: IsoInstantSchema,
  ...SyncAttributesShape,
  resourceId: z.string().min(1).max(1024),
  resourceType: z.enum(RESOURCE_TYPES),
};
